"""Shingles, MinHash signatures, bands and figures: the pure parts of grouping."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from masthead.ingest.wire import similarity
from masthead.ingest.wire.similarity import (
    BANDS,
    SIZE,
    agreement,
    band_keys,
    figures,
    pack,
    shingles,
    signature,
    unpack,
)

TEXT = "The harbour bridge will close for six weeks of repairs to its corroded cables."


def test_small_words_go_and_endings_are_trimmed():
    assert shingles("The council approved; it approves, approving") == {"council", "approv"}


def test_numbers_stay_whole():
    assert {"2024", "61", "000"} <= shingles("In 2024, 61,000 homes")


def test_chinese_text_gives_pairs_of_characters():
    assert shingles("杭州地铁") == {"杭州", "州地", "地铁"}
    assert {"metro", "杭州"} <= shingles("Metro 杭州")


def test_equal_texts_have_equal_signatures_and_similarity_one():
    assert signature(shingles(TEXT)) == signature(shingles(TEXT.upper()))
    assert similarity.similarity(signature(shingles(TEXT)), signature(shingles(TEXT))) == 1.0


def test_unrelated_texts_are_far_apart():
    other = signature(shingles("Gale warning issued for the northern coast overnight, ferries off"))
    assert similarity.similarity(signature(shingles(TEXT)), other) < 0.1


def test_an_empty_text_is_like_nothing_else():
    empty = signature(shingles("the and of"))
    assert similarity.similarity(empty, empty) == 0.0


@given(st.sets(st.text(min_size=1, max_size=8), min_size=20, max_size=200),
       st.sets(st.text(min_size=1, max_size=8), min_size=20, max_size=200))  # fmt: skip
def test_the_estimate_follows_the_true_jaccard_similarity(a, b):
    true = len(a & b) / len(a | b)
    estimate = similarity.similarity(signature(a), signature(b))
    assert abs(estimate - true) < 0.25  # 128 positions: a standard error under 0.045


def test_signatures_survive_the_database_round_trip():
    sig = signature(shingles(TEXT))
    assert len(sig) == SIZE
    assert unpack(memoryview(pack(sig))) == sig


def test_band_keys_fit_a_signed_64_bit_column_and_repeat():
    keys = band_keys(signature(shingles(TEXT)))
    assert len(keys) == BANDS
    assert all(-(2**63) <= key < 2**63 for key in keys)
    assert keys == band_keys(signature(shingles(TEXT)))


def test_a_shared_band_needs_the_same_rows_in_the_same_place():
    sig = signature(shingles(TEXT))
    shifted = sig[2:] + sig[:2]  # the same numbers, other bands
    assert not set(band_keys(sig)) & set(band_keys(shifted))


def test_figures_are_read_without_their_thousands_separators():
    assert figures("61,000 homes, 94 mph, 3.5 per cent, 1 dead, in 2024") == {
        "61000", "94", "3.5", "2024",
    }  # fmt: skip


def test_figures_that_disagree_lower_the_agreement():
    monday = figures("The index rose 1.2% to 7,412 points; 310 shares gained")
    thursday = figures("The index fell 0.4% to 7,380 points; 122 shares gained")
    assert agreement(monday, monday) == 1.0
    assert agreement(monday, thursday) == 0.0
    assert agreement(monday, figures("The index closed at 7,412, up 1.2%")) == 1.0


def test_stories_with_few_figures_have_nothing_to_disagree_about():
    assert agreement(figures("Bridge shuts for 42 days"), figures("Bridge to close")) == 1.0
