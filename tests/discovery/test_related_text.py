"""How the related-posts engine reads and weighs text (``discovery.related.text``, ``engine``).

Pure functions: no database.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from masthead.discovery.related.engine import Engine, Facts
from masthead.discovery.related.text import Weights, document, plural_stem, tokens

# Tokens -------------------------------------------------------------------------------------


def test_words_are_lower_cased_without_stop_words_or_numbers():
    assert tokens("The Chip Makers of TAIPEI said 2026 would be a big year") == [
        "chip", "maker", "taipei", "big", "year",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("chips", "chip"), ("batteries", "battery"), ("prices", "price"), ("employees", "employee"),
        ("glass", "glass"), ("virus", "virus"), ("analysis", "analysis"), ("gas", "gas"),
    ],
)  # fmt: skip
def test_plural_endings_are_removed_and_nothing_else(word, stem):
    assert plural_stem(word) == stem


def test_a_plural_and_its_singular_are_one_token():
    assert tokens("chips") == tokens("Chip") == ["chip"]


def test_chinese_text_yields_overlapping_character_pairs():
    assert tokens("台积电扩产") == ["台积", "积电", "电扩", "扩产"]


def test_a_lone_cjk_character_is_a_token_and_latin_words_around_it_stay_words():
    assert tokens("Nvidia 和 TSMC") == ["nvidia", "和", "tsmc"]
    assert tokens("台积电N3工艺") == ["台积", "积电", "n3", "工艺"]


def test_accented_words_are_kept_whole():
    assert tokens("Café naïve Zürich") == ["café", "naïve", "zürich"]


def test_web_address_pieces_are_not_vocabulary():
    assert tokens("see https://www.example.com/page") == ["example", "page"]


# Documents ----------------------------------------------------------------------------------


def test_a_headline_word_counts_three_times_a_standfirst_word_twice_a_body_word_once():
    counts = document(title="Lithium", dek="Cobalt", body="Nickel", tag_ids=[])
    assert counts == {"lithium": 3, "cobalt": 2, "nickel": 1}


def test_counts_add_up_across_the_parts():
    counts = document(title="Lithium prices", dek="Lithium", body="lithium lithium", tag_ids=[])
    assert counts["lithium"] == 3 + 2 + 2


def test_each_tag_is_a_token_of_its_own_by_identity():
    counts = document(title="", dek="", body="", tag_ids=[4, 12])
    assert counts == {"#4": 3, "#12": 3}


def test_only_the_start_of_a_long_body_counts():
    body = "early " * 10 + "late " * 10
    counts = document(title="", dek="", body=body, tag_ids=[], weights=Weights(body_tokens=10))
    assert counts == {"early": 10}


# Weights ------------------------------------------------------------------------------------

N = 10_000


def test_a_rare_word_weighs_more_than_a_common_one_used_as_often():
    weights = Engine().weigh({"wafer": 3, "chip": 3}, {"wafer": 12, "chip": 2_400}, N)
    assert weights["wafer"] > 2 * weights["chip"]


def test_a_vector_has_length_one():
    weights = Engine().weigh({"wafer": 3, "chip": 1, "#4": 3}, {"wafer": 12, "chip": 2_400}, N)
    assert sum(w * w for w in weights.values()) == pytest.approx(1)


def test_only_the_heaviest_words_are_kept_but_every_tag_is():
    counts = {f"word{i}": 1 + i for i in range(50)} | {"#1": 3, "#2": 3}
    weights = Engine(terms_kept=5).weigh(counts, {}, N)
    assert set(weights) == {"word49", "word48", "word47", "word46", "word45", "#1", "#2"}


def test_an_empty_document_has_an_empty_vector():
    assert Engine().weigh({}, {}, N) == {}


# Scores -------------------------------------------------------------------------------------

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def facts(pk: int, *, days: float = 0, category: int = 1, section: int = 1, language: str = "en",
          family: int | None = None) -> Facts:  # fmt: skip
    return Facts(
        pk=pk, published_at=NOW + timedelta(days=days), category_id=category,
        section_id=section, language=language, family=family or pk,
    )  # fmt: skip


A_VECTOR = {1: 0.8, 2: 0.6}
B_VECTOR = {1: 0.6, 3: 0.8}


def test_a_score_is_the_same_whichever_way_round():
    engine = Engine()
    a, b = facts(1), facts(2, days=40, category=2)
    assert engine.score(a, A_VECTOR, b, B_VECTOR) == engine.score(b, B_VECTOR, a, A_VECTOR)


def test_shared_words_make_the_score():
    engine = Engine()
    shared = engine.score(facts(1), A_VECTOR, facts(2), B_VECTOR)
    nothing = engine.score(facts(1), A_VECTOR, facts(3), {9: 1.0})
    assert shared > 0.4 > 0.1 > nothing


def test_the_same_category_beats_the_same_section_which_beats_another_section():
    engine = Engine()
    about = facts(1, category=1, section=1)
    others = [facts(2, category=1), facts(3, category=5), facts(4, category=7, section=7)]
    scores = [engine.score(about, A_VECTOR, other, B_VECTOR) for other in others]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == 3


def test_stories_further_apart_in_time_score_less_but_never_under_the_floor():
    engine = Engine()
    scores = [
        engine.score(facts(1), A_VECTOR, facts(2, days=d), B_VECTOR) for d in (0, 30, 365, 3650)
    ]
    assert scores == sorted(scores, reverse=True)
    assert scores[-1] > scores[0] * engine.recency_floor


def test_a_story_in_another_language_scores_less():
    engine = Engine()
    same = engine.score(facts(1, language="zh"), A_VECTOR, facts(2, language="zh"), B_VECTOR)
    other = engine.score(facts(1, language="zh"), A_VECTOR, facts(2, language="en"), B_VECTOR)
    unknown = engine.score(facts(1, language="zh"), A_VECTOR, facts(2, language=""), B_VECTOR)
    assert other == pytest.approx(same * engine.other_language)
    assert unknown == same


def test_knobs_come_from_options_and_a_misspelt_one_is_an_error():
    assert Engine(keep=4).keep == 4
    with pytest.raises(TypeError, match="no knob 'kep'"):
        Engine(kep=4)
