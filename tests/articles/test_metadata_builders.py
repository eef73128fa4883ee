"""The metadata builders on their own: locales, safe JSON, which copy of a picture."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from masthead.articles.metadata import Site, og_locale, serialise
from masthead.articles.metadata.parts import describe, picture_at_least, social_picture
from masthead.articles.models import Image

SITE = Site(
    name="Gazette", tagline="", language="en", logo_url="https://news.example/logo.png",
    logo_size=None, search_path="/search/", absolute=lambda path: f"https://news.example{path}",
)  # fmt: skip


@pytest.mark.parametrize(
    ("language", "locale"),
    [
        ("en", "en"),
        ("en-GB", "en_GB"),
        ("pt-br", "pt_BR"),
        ("zh-Hans", "zh_CN"),
        ("zh-Hant", "zh_TW"),
        ("zh-Hant-HK", "zh_TW"),
        ("sr-Latn-RS", "sr_RS"),
        ("fr_CA", "fr_CA"),
    ],
)
def test_language_tags_become_opengraph_locales(language, locale):
    assert og_locale(language) == locale


@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_serialised_json_has_no_markup_characters_and_reads_back_the_same(data: Any):
    text = serialise(data)
    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text) == data


def test_serialised_json_keeps_other_scripts_readable():
    assert serialise({"headline": "芯片法案"}) == '{"headline":"芯片法案"}'


def test_descriptions_are_folded_onto_one_line_and_cut_at_a_word():
    assert describe("Two\n\nlines  here") == "Two lines here"
    long = describe("word " * 100)
    assert len(long) <= 221
    assert long.endswith("word…")
    assert describe("  ", "fallback") == "fallback"


def image(width: int, height: int, renditions: tuple[int, ...]) -> Any:
    """An unsaved ``Image`` with those sizes: the builders read no database."""
    return Image(
        file="p.png", width=width, height=height, alt_text="alt",
        renditions={str(w): f"images/p-{w}.jpg" for w in renditions},
    )  # fmt: skip


def test_the_smallest_copy_at_least_1200_wide_is_chosen():
    picture = picture_at_least(image(3000, 2000, (400, 800, 1200)), 1200, SITE)
    assert picture is not None
    assert (picture.url, picture.width, picture.height) == (
        "https://news.example/media/images/p-1200.jpg", 1200, 800,
    )  # fmt: skip


def test_a_picture_narrower_than_asked_has_no_copy_wide_enough():
    assert picture_at_least(image(1199, 700, (400, 800)), 1200, SITE) is None
    assert picture_at_least(None, 1200, SITE) is None


def test_link_previews_fall_back_to_the_original_picture():
    picture = social_picture(image(900, 600, (400, 800)), SITE)
    assert picture is not None
    assert (picture.url, picture.width, picture.height) == (
        "https://news.example/media/p.png",
        900,
        600,
    )
