"""Text tools (``core.text``): the plain text of any HTML, the CJK scripts, the tokenizer."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from masthead.core.markdown import word_count
from masthead.core.text import CJK, UNSPACED, Tokenizer, pairs, plain_text

# Text full of the characters that break HTML readers: "<", "<!", "<![", "&", NULs and
# lone surrogates among ordinary letters.
hostile = st.lists(
    st.sampled_from(["<", "<!", "<![", "<!--", "</", ">", "&", "&#", ";", "\x00", "\ud800",
                     "\udfff", "<b>", "</p>", "<script>", "]]>", " ", "\n", "a", "é", "中"])
    | st.text(max_size=5),
    max_size=40,
).map("".join)  # fmt: skip


def test_the_wire_headline_with_a_broken_marked_section_keeps_its_words():
    """`Markets <![> close higher` crashed `masthead ingest`: browsers drop `<![>` alone."""
    assert plain_text("Markets <![> close higher") == "Markets close higher"


@given(hostile)
def test_plain_text_never_raises_and_returns_storable_text(markup):
    """Whatever it is given; and what it returns encodes to UTF-8 with no NUL."""
    text = plain_text(markup)
    assert "\x00" not in text
    text.encode("utf-8")  # no lone surrogate left
    paragraphs = plain_text(markup, paragraphs=True)
    assert "\x00" not in paragraphs
    paragraphs.encode("utf-8")


@given(
    st.text(alphabet=st.characters(blacklist_characters="<&", blacklist_categories=["Cs", "Cc"]))
)
def test_text_without_markup_comes_back_with_its_spaces_folded(words):
    assert plain_text(words) == " ".join(words.split())


def test_tags_go_entities_are_read_and_blocks_part_words():
    html = "<h2>Port</h2><p>Ships &amp; <b>cr</b>anes&nbsp;idle</p><ul><li>one</li><li>two</li>"
    assert plain_text(html) == "Port Ships & cranes idle one two"


def test_script_style_template_and_comments_are_not_text():
    html = (
        "<style>p{}</style>Kept<script>var a = '<p>';</script><!-- note --><template>x</template>"
    )
    assert plain_text(html) == "Kept"


def test_an_unclosed_script_hides_the_rest_as_in_a_browser():
    assert plain_text("Before <script>alert(1) and more") == "Before"


def test_a_lone_less_than_sign_is_text():
    assert plain_text("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2"
    assert plain_text("a &lt;b&gt; tag") == "a <b> tag"


def test_a_quoted_greater_than_sign_stays_inside_its_tag():
    assert plain_text('<a title="a > b" href="/x">link</a>') == "link"


def test_with_paragraphs_line_breaks_and_blank_lines_stay():
    html = "<p>One &amp; two</p><p>Three<br>four</p>"
    assert plain_text(html, paragraphs=True) == "One & two\n\nThree\nfour"
    assert plain_text("First line\nsecond\n\n\n\nnext  paragraph", paragraphs=True) == (
        "First line\nsecond\n\nnext paragraph"
    )


def test_control_characters_go_and_lone_surrogates_become_replacement_characters():
    assert plain_text("a\x00b\x07c \ud800d") == "abc \ufffdd"


def test_plain_text_of_a_big_hostile_body_does_not_hang():
    """No quadratic scan: 110,000 unclosed "<a", "<!" and "<!--" are read, not stuck on.

    This guards against a hang, not a speed: the reading takes about 0.2 s here, a
    quadratic scan of the same input minutes, so the bound is far from either.
    """
    import time

    started = time.monotonic()
    plain_text('<a "' * 50_000 + "<!" * 50_000 + "<!--" * 10_000)
    assert time.monotonic() - started < 30.0


@pytest.mark.parametrize(
    ("char", "script"),
    [("中", "Han"), ("𠀀", "Han extension B"), ("々", "iteration mark"), ("あ", "hiragana"),
     ("カ", "katakana"), ("ｶ", "half-width katakana"), ("한", "Hangul")],
)  # fmt: skip
def test_cjk_covers_han_with_extensions_kana_and_hangul(char, script):
    assert re.fullmatch(f"[{CJK}]", char), script


def test_korean_is_not_among_the_scripts_written_without_spaces():
    assert re.fullmatch(f"[{UNSPACED}]", "中")
    assert not re.fullmatch(f"[{UNSPACED}]", "한")


def test_a_han_character_outside_the_basic_block_counts_as_a_word():
    """Word counts treat every CJK character alike, extension B included."""
    assert word_count("𠀀𠀁 and 中") == 4


def test_cjk_runs_become_overlapping_pairs_and_a_lone_character_stays():
    assert pairs("台积电") == ["台积", "积电"]
    assert pairs("中") == ["中"]


def test_the_tokenizer_normalizes_folds_and_asks_its_word_knob():
    keep_long = Tokenizer(lambda word: word if len(word) > 3 else "")
    assert keep_long("Ｓtraße and the 台积电扩产") == ["strasse", "台积", "积电", "电扩", "扩产"]
    lowered = Tokenizer(lambda word: word, fold=str.lower)
    assert lowered("Straße") == ["straße"]


def test_letters_glued_to_cjk_are_words_of_their_own():
    tokenize = Tokenizer(lambda word: word)
    assert tokenize("G7峰会在东京") == ["g7", "峰会", "会在", "在东", "东京"]
    assert tokenize("iPhone用户") == ["iphone", "用户"]
