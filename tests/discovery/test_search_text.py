"""Search text and queries, without a database: segmenting, parsing, query syntax, snippets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from masthead.discovery.search.backends.postgres import tsquery_text
from masthead.discovery.search.backends.sqlite import fts5_expression
from masthead.discovery.search.query import MAX_LENGTH, MAX_TERMS, Phrase, Run, parse
from masthead.discovery.search.snippets import START, STOP, highlight
from masthead.discovery.search.text import bigrams, desegment, segment

# Segmenting ---------------------------------------------------------------------------------


def test_chinese_runs_are_split_into_words():
    assert segment("杭州成为人工智能创新中心") == "杭州 成为 人工智能 创新 中心"


def test_latin_text_is_left_as_it_is():
    text = "Regulators met in Brussels on Tuesday, 3 June."
    assert segment(text) == text


def test_cjk_is_set_apart_from_letters_it_touches_but_not_from_punctuation():
    assert segment("AI技术在杭州。OK") == "AI 技术 在 杭州。OK"


def test_japanese_kanji_are_segmented_and_kana_come_out_one_by_one():
    assert segment("東京タワー").split() == ["東京", "タ", "ワ", "ー"]


def test_control_characters_never_reach_the_index():
    """The snippet markers are control characters; indexed text must not contain them."""
    assert segment(f"a{START}b{STOP}c\x00d") == "a b c d"


def test_bigrams_are_overlapping_pairs_then_the_last_character():
    assert bigrams("人工智能") == "人工 工智 智能 能"
    assert bigrams("Say 中 and 東京タワー!") == "中 東京 京タ タワ ワー ー"


def test_desegment_removes_only_the_spaces_between_cjk_characters():
    assert desegment("杭州 成为 中心 and AI 技术") == "杭州成为中心 and AI 技术"
    assert desegment(f"杭州{STOP} {START}成为") == f"杭州{STOP}{START}成为"


# Parsing ------------------------------------------------------------------------------------


def test_words_are_lower_cased_terms():
    assert parse("Chip EXPORT") == [Phrase(("chip",)), Phrase(("export",))]


def test_quotes_and_joined_words_make_phrases():
    assert parse('"chip export" open-source U.S.') == [
        Phrase(("chip", "export")),
        Phrase(("open", "source")),
        Phrase(("u", "s")),
    ]


def test_cjk_runs_are_terms_of_their_own():
    assert parse("AI技术 杭州") == [Phrase(("ai",)), Run("技术"), Run("杭州")]


def test_query_language_syntax_is_only_words():
    terms = parse('" * : ( ) NEAR OR AND - title:x body:(y) NOT z^2 ~3')
    assert terms == [
        Phrase(("near",)), Phrase(("or",)), Phrase(("and",)), Phrase(("title", "x")),
        Phrase(("body", "y")), Phrase(("not",)), Phrase(("z", "2")), Phrase(("3",)),
    ]  # fmt: skip


@pytest.mark.parametrize("text", ["", "   ", '" * : ( ) -', "***", "'; --", "\x00\x01"])
def test_nothing_to_search_for_gives_no_terms(text: str):
    assert parse(text) == []


def test_repeated_words_count_once():
    assert parse("ai AI Ai") == [Phrase(("ai",))]


def test_a_long_query_is_cut_to_its_first_characters_and_terms():
    terms = parse(" ".join(f"word{i}" for i in range(500)))
    assert len(terms) == MAX_TERMS
    assert parse("x" * 1000) == [Phrase(("x" * MAX_LENGTH,))]


def test_sql_fragments_are_words_like_any_other():
    assert parse("'; DROP TABLE articles_article; --") == [
        Phrase(("drop",)), Phrase(("table",)), Phrase(("articles", "article")),
    ]  # fmt: skip


# Query syntax for each backend ---------------------------------------------------------------


def test_fts5_expression_quotes_every_term():
    terms = parse('chip "open source"')
    assert fts5_expression(terms) == '"chip" AND "open source"'


def test_fts5_expression_matches_a_cjk_run_by_words_or_by_its_pairs():
    assert fts5_expression([Run("人工智能")]) == ('(("人工智能") OR (grams : "人工 工智 智能"))')
    assert fts5_expression([Run("中")]) == '(("中") OR (grams : "中" *))'


def test_tsquery_text_quotes_every_lexeme():
    assert tsquery_text(parse('chip "open source" 杭州')) == (
        "('chip') & ('open' <-> 'source') & (('杭州') | ('杭州'))"
    )


FTS5_SAFE = re.compile(r'^(?:"[^"]*"|AND|OR|grams|[():* ])*$')
TSQUERY_SAFE = re.compile(r"^(?:'[^']*'|[&|()<\->:* ])*$")


@given(st.text(max_size=300))
def test_any_input_becomes_only_quoted_strings_and_our_operators(text: str):
    """Whatever a reader types, the query languages see quoted strings and our operators."""
    terms = parse(text)
    assert FTS5_SAFE.fullmatch(fts5_expression(terms))
    assert TSQUERY_SAFE.fullmatch(tsquery_text(terms))


# Snippets -----------------------------------------------------------------------------------


def test_snippets_are_escaped_and_only_the_markers_become_mark_tags():
    raw = f'Use {START}<script>{STOP} & "quotes" <b>here</b>'
    assert highlight(raw) == (
        "Use <mark>&lt;script&gt;</mark> &amp; &quot;quotes&quot; &lt;b&gt;here&lt;/b&gt;"
    )


def test_unbalanced_markers_never_leave_a_tag_open():
    assert highlight(f"{START}a{START}b{STOP}c{STOP}d{START}e") == "<mark>ab</mark>cd<mark>e</mark>"


def test_cjk_snippets_lose_the_segmenting_spaces_and_mark_the_query_run():
    raw = f"{START}杭州{STOP} 成为 人工智能 创新 中心"
    assert highlight(raw, ["智能"]) == "<mark>杭州</mark>成为人工<mark>智能</mark>创新中心"
