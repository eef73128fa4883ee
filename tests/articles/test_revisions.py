"""Comparing two revisions: a word-level diff of the words, a line for every other change.

These are pure functions: the revisions here are never saved.
"""

from __future__ import annotations

from typing import Any

from masthead.articles.models import Revision
from masthead.articles.revisions import compare, field_changes, tokens, word_diff


def revision(title: str = "A headline", dek: str = "", body: str = "", **data: Any) -> Revision:
    return Revision(title=title, dek=dek, body=body, data=data)


def test_tokens_join_back_into_the_text():
    text = "Chips, again:  the EU's plan.\n\n芯片短缺 continues…"
    assert "".join(tokens(text)) == text


def test_a_changed_word_is_deleted_then_inserted_and_the_rest_kept():
    assert word_diff("The council met on Monday.", "The council met on Tuesday.") == [
        ("equal", "The council met on "),
        ("delete", "Monday"),
        ("insert", "Tuesday"),
        ("equal", "."),
    ]


def test_words_added_after_the_last_word_leave_that_word_alone():
    old, new = "Port screens", "Port screens as EU rules arrive"
    assert word_diff(old, new) == [("equal", "Port screens"), ("insert", " as EU rules arrive")]
    assert word_diff(new, old) == [("equal", "Port screens"), ("delete", " as EU rules arrive")]
    runs = word_diff("Port  screens ships", "Port screens")
    assert "".join(t for op, t in runs if op != "insert") == "Port  screens ships"
    assert "".join(t for op, t in runs if op != "delete") == "Port screens"


def test_added_and_removed_paragraphs_are_single_runs():
    old = "First paragraph.\n\nSecond paragraph."
    new = "First paragraph.\n\nA new one here.\n\nSecond paragraph."
    assert word_diff(old, new) == [
        ("equal", "First paragraph.\n\n"),
        ("insert", "A new one here.\n\n"),
        ("equal", "Second paragraph."),
    ]
    assert word_diff(new, old) == [
        ("equal", "First paragraph.\n\n"),
        ("delete", "A new one here.\n\n"),
        ("equal", "Second paragraph."),
    ]


def test_text_written_without_spaces_is_compared_character_by_character():
    runs = [("equal", "芯片"), ("delete", "短缺"), ("insert", "过剩")]
    assert word_diff("芯片短缺", "芯片过剩") == runs


def test_equal_texts_are_one_equal_run_and_empty_ones_none():
    assert word_diff("Same words.", "Same words.") == [("equal", "Same words.")]
    assert word_diff("", "") == []
    assert word_diff("", "New") == [("insert", "New")]


def test_a_long_body_keeps_every_word_in_its_runs():
    old = " ".join(f"word{i}" for i in range(30_000))
    new = old.replace("word15000 ", "changed ")
    runs = word_diff(old, new)
    assert "".join(t for op, t in runs if op != "insert") == old
    assert "".join(t for op, t in runs if op != "delete") == new
    assert ("insert", "changed ") in runs


def test_section_source_and_picture_changes_name_both_sides():
    old = {"category": [1, "AI"], "source": None, "featured_image": [4, "A chip fab"]}
    new = {"category": [2, "Chips"], "source": [3, "Harbour Wire"], "featured_image": None}
    assert field_changes(old, new) == [
        "Section: AI → Chips",
        "Picture: A chip fab → (none)",
        "Source: (none) → Harbour Wire",
    ]


def test_a_renamed_section_is_no_change():
    assert field_changes({"category": [1, "AI"]}, {"category": [1, "A.I."]}) == []


def test_tags_say_what_was_added_and_removed():
    old = {"tags": [[1, "models"], [3, "europe"]]}
    new = {"tags": [[1, "models"], [2, "gpus"]]}
    assert field_changes(old, new) == ["Tags: added gpus, removed europe"]


def test_a_byline_in_another_order_is_an_order_change():
    old = {"authors": [[1, "Alice Reporter"], [2, "Bob Writer"]]}
    new = {"authors": [[2, "Bob Writer"], [1, "Alice Reporter"]]}
    assert field_changes(old, new) == [
        "Byline order: Alice Reporter, Bob Writer → Bob Writer, Alice Reporter"
    ]
    assert field_changes(old, {"authors": [[1, "Alice Reporter"]]}) == [
        "Byline: Alice Reporter, Bob Writer → Alice Reporter"
    ]


def test_flags_and_plain_fields_read_as_words():
    old = {"is_lead": False, "comments_open": True, "language": "en", "credit_line": ""}
    new = {"is_lead": True, "comments_open": False, "language": "de", "credit_line": "AP"}
    assert field_changes(old, new) == [
        "Credit line: (none) → AP",
        "Language: en → de",
        "Lead story: no → yes",
        "Comments open: yes → no",
    ]


def test_a_field_one_revision_did_not_record_is_not_reported():
    """Revisions stored before a field was snapshotted say nothing about it."""
    assert field_changes({"category": [1, "AI"]}, {"category": [1, "AI"], "source": [3, "W"]}) == []


def test_compare_shows_the_words_and_the_other_changes():
    old = revision("Chips are scarce", body="Supply is short.", tags=[[1, "gpus"]])
    new = revision("Chips are cheap", body="Supply is short.", tags=[])
    found = compare(old, new)
    title, dek, body = found.words
    assert (title.label, title.changed) == ("Headline", True)
    assert not dek.changed
    assert not body.changed
    assert found.changes == ["Tags: removed gpus"]
    assert not found.same
    assert compare(old, old).same
