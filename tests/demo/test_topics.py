"""Story threads: many distinct invented subjects that overlap where a newsroom's do."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from masthead.demo import topics
from masthead.demo.prose import Story

SECTIONS, TAGS = tuple(range(1, 7)), tuple(range(1, 41))


def threads(count: int, seed: int = 1) -> tuple[topics.Thread, ...]:
    return topics.make_threads(count=count, seed=seed, categories=SECTIONS, tags=TAGS)


def test_a_thread_is_the_same_whatever_the_number_of_threads():
    assert threads(5)[3] == threads(50)[3]
    assert threads(5)[3].label == "1:3"
    assert threads(5, seed=2)[3] != threads(5)[3]


def test_each_thread_has_its_own_person_and_product():
    many = threads(300)
    for field in ("person", "product"):
        assert len({getattr(t, field) for t in many}) >= 295, field


def test_companies_and_places_have_several_threads_but_none_gathers_most():
    many = threads(300)
    for field in ("company", "place"):
        names = Counter(getattr(t, field) for t in many)
        assert 100 <= len(names) <= 250, field
        assert 2 <= max(names.values()) <= 15, field


def test_threads_share_sections_tags_and_some_words():
    """So no single signal (section, tag, word) tells threads apart on its own."""
    many = threads(100)
    assert max(Counter(t.section for t in many).values()) >= 10
    assert max(Counter(tag for t in many for tag in t.tags).values()) >= 5
    assert max(Counter(term for t in many for term in t.terms).values()) >= 3
    assert all(2 <= len(t.tags) <= 3 and len(set(t.terms)) == topics.TERMS_PER_THREAD for t in many)


def test_picked_tags_are_two_to_five_some_of_them_the_threads():
    thread, rng = threads(1)[0], random.Random(4)
    picks = [thread.pick_tags(rng, TAGS) for _ in range(300)]
    assert all(2 <= len(p) == len(set(p)) <= 5 for p in picks)
    own = [len(set(p) & set(thread.tags)) for p in picks]
    assert 0 in own
    assert 0.5 < sum(n > 0 for n in own) / len(own) < 0.95


def test_most_stories_are_in_a_thread_and_a_few_others_mention_one():
    rng, few = random.Random(8), threads(4)
    picked = [topics.pick_story(rng, few) for _ in range(1000)]
    in_thread = [s for s, t in picked if t is not None]
    assert all(isinstance(s, topics.ThreadStory) for s in in_thread)
    assert 550 < len(in_thread) < 650
    brief = sum(isinstance(s, topics.BriefStory) for s in in_thread)
    assert 0.2 < brief / len(in_thread) < 0.4
    passing = sum(isinstance(s, topics.PassingStory) for s, _ in picked)
    assert 30 < passing < 90
    assert sum(type(s) is Story for s, _ in picked) == 1000 - len(in_thread) - passing


def test_a_thread_story_fills_every_slot():
    thread = threads(1)[0]
    story = topics.ThreadStory(random.Random(2), thread)
    text = " ".join([story.title(), story.dek(), story.body(), story.comment()])
    assert "{" not in text
    assert thread.person in text


def test_labels_are_merged_into_the_file(tmp_path: Path):
    path = tmp_path / "data" / "topics.json"
    topics.save_labels(path, {3: "1:0", 1: "1:2"})
    topics.save_labels(path, {7: "1:0"})
    assert topics.read_labels(path) == {1: "1:2", 3: "1:0", 7: "1:0"}
