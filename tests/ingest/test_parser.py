"""The WXR parser turns bytes into records, with no database."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from masthead.ingest.wordpress.parser import WxrError, parse
from masthead.ingest.wordpress.records import (
    Channel,
    Record,
    Skipped,
    WpAuthor,
    WpItem,
    WpTerm,
)
from tests.ingest import wxr


def records(data: bytes) -> list:
    return list(parse(io.BytesIO(data)))


def items(data: bytes) -> list[WpItem]:
    return [r for r in records(data) if isinstance(r, WpItem)]


def test_records_come_in_file_order_after_the_channel():
    found = records(wxr.export(*wxr.standard_header(), wxr.Item(1), wxr.Item(2)))
    assert [type(r) for r in found] == [
        Channel, WpAuthor, WpTerm, WpTerm, WpTerm, WpTerm, WpItem, WpItem,
    ]  # fmt: skip
    channel = found[0]
    assert channel.base_site_url == wxr.SITE
    assert channel.version == "1.2"


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_wxr_version_from_1_0_to_1_2_is_read(version: str):
    (item,) = items(wxr.export(wxr.Item(7, title="Seven"), version=version))
    assert (item.wp_id, item.title) == (7, "Seven")


def test_an_unknown_version_is_refused():
    with pytest.raises(WxrError, match=r"unknown WXR version 1\.9"):
        records(wxr.export(wxr.Item(1), version="1.9"))


def test_a_file_without_the_wordpress_namespace_is_refused():
    data = wxr.export(wxr.Item(1), namespace="http://example.com/not-wordpress/")
    with pytest.raises(WxrError, match="not a WordPress export"):
        records(data)


def test_a_file_that_is_not_rss_is_refused():
    with pytest.raises(WxrError, match="not an RSS file"):
        records(b'<?xml version="1.0"?><feed><entry/></feed>')


def test_malformed_xml_is_reported_with_its_line_after_the_good_items():
    data = wxr.export(wxr.Item(1), wxr.Item(2))
    broken = data.replace(b"<wp:post_id>2</wp:post_id>", b"<wp:post_id>2</wp:post_i>")
    read = []
    with pytest.raises(WxrError, match=r"line \d+: the file is not well-formed XML") as caught:
        read.extend(parse(io.BytesIO(broken)))
    assert [r.wp_id for r in read if isinstance(r, WpItem)] == [1]
    assert (caught.value.line or 0) > 20


def broken_at(count: int, bad: int, *, words: int = 20) -> tuple[bytes, int]:
    """An export of ``count`` posts whose post ``bad`` has a mismatched end tag, and its line."""
    body = " ".join(["The council met on Tuesday to agree the budget."] * words)
    posts = [wxr.Item(i, title=f"Post {i}", content=body) for i in range(1, count + 1)]
    good = f"<wp:post_id>{bad}</wp:post_id>".encode()
    data = wxr.export(*posts)
    at = data.index(good)
    return data.replace(good, f"<wp:post_id>{bad}</wp:post_i>".encode()), data.count(
        b"\n", 0, at
    ) + 1


def read_until_error(data: bytes, **options: int) -> tuple[list[int], WxrError]:
    """The ids of the posts yielded before ``parse`` raised, and the error."""
    read: list[Record] = []
    with pytest.raises(WxrError) as caught:
        read.extend(parse(io.BytesIO(data), **options))
    return [r.wp_id for r in read if isinstance(r, WpItem)], caught.value


def test_every_post_before_a_malformed_point_far_into_a_large_file_is_read():
    """A break past several megabytes still leaves every post before it read, on any lxml."""
    data, line = broken_at(2_000, 1_950)
    assert len(data) > 2_000_000
    read, error = read_until_error(data)
    assert read == list(range(1, 1_950))
    assert error.line == line


@hypothesis_settings(max_examples=60, deadline=None, derandomize=True)
@given(
    count=st.integers(min_value=1, max_value=12),
    bad=st.integers(min_value=1, max_value=12),
    chunk=st.integers(min_value=1, max_value=6_000),
)
def test_the_posts_before_a_malformed_point_are_read_whatever_the_chunk_size(
    count: int, bad: int, chunk: int
):
    """Wherever the break falls against the read chunks, exactly the posts before it come out."""
    bad = min(bad, count)
    data, line = broken_at(count, bad, words=5)
    read, error = read_until_error(data, chunk=chunk)
    assert read == list(range(1, bad))
    assert error.line == line
    assert "the file is not well-formed XML" in str(error)


def test_an_item_without_an_id_is_skipped_with_its_title_and_position():
    data = wxr.export(wxr.Item(1), wxr.Item(2, title="No id")).replace(
        b"<wp:post_id>2</wp:post_id>", b"<wp:post_id>two</wp:post_id>"
    )
    skipped = [r for r in records(data) if isinstance(r, Skipped)]
    assert len(skipped) == 1
    assert skipped[0].label == "No id"
    assert skipped[0].position.index == 2
    assert skipped[0].position.line > 1


def test_an_item_too_long_for_any_story_is_skipped_and_the_next_one_read():
    huge = wxr.Item(2, title="Flood", comments=[wxr.Comment(7, content="x" * 3_000)])
    found = list(parse(io.BytesIO(wxr.export(wxr.Item(1), huge, wxr.Item(3))), max_item=2_000))
    assert [r.wp_id for r in found if isinstance(r, WpItem)] == [1, 3]
    (skipped,) = [r for r in found if isinstance(r, Skipped)]
    assert (skipped.label, skipped.position.index) == ("Flood", 2)
    assert "more than the 2,000 an item may hold" in skipped.reason


def test_items_carry_terms_meta_and_threaded_comments():
    item = wxr.Item(
        3, tags=[("ai", "AI")], meta={"_thumbnail_id": "12"},
        comments=[wxr.Comment(10), wxr.Comment(11, parent=10, approved="0")],
    )  # fmt: skip
    (read,) = items(wxr.export(item))
    assert ("category", "news", "News") in read.terms
    assert ("post_tag", "ai", "AI") in read.terms
    assert read.thumbnail_id == 12
    assert [(c.wp_id, c.parent_id, c.approved) for c in read.comments] == [
        (10, 0, "1"), (11, 10, "0"),
    ]  # fmt: skip


def test_unicode_of_every_script_survives():
    title = "杭州 AI 🚀 مرحبا بالعالم שלום"
    (read,) = items(wxr.export(wxr.Item(1, title=title, content=f"<p>{title}</p>")))
    assert read.title == title
    assert title in read.content


def test_generic_terms_of_other_taxonomies_are_left_out():
    term = """
  <wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy>
    <wp:term_slug>main</wp:term_slug><wp:term_name>Main</wp:term_name></wp:term>
  <wp:term><wp:term_id>10</wp:term_id><wp:term_taxonomy>category</wp:term_taxonomy>
    <wp:term_slug>sport</wp:term_slug><wp:term_parent></wp:term_parent><wp:term_name>Sport</wp:term_name></wp:term>"""
    terms = [r for r in records(wxr.export(term)) if isinstance(r, WpTerm)]
    assert [(t.taxonomy, t.slug, t.wp_id) for t in terms] == [("category", "sport", 10)]


def test_cdata_that_contains_the_end_marker_is_read_whole():
    (read,) = items(wxr.export(wxr.Item(1, content="a ]]> b")))
    assert read.content == "a ]]> b"


def test_external_entities_are_not_fetched_or_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    data = (
        wxr.export(wxr.Item(1, title="x"))
        .replace(
            b"<rss", f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>\n<rss'.encode(), 1
        )
        .replace(b"<title><![CDATA[x]]></title>", b"<title>&x;</title>", 1)
    )
    assert b"<title>&x;</title>" in data
    found = records(data)
    assert "TOP SECRET" not in repr(found)
