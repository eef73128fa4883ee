"""Precision and recall of grouping on planted near-duplicates, through the real desk.

Two sets of stories arrive, in a shuffled but fixed order, each from its agency's feed,
and go through ``take_in`` exactly as polled stories do:

- *rewrites*: ``near_duplicates.STORIES``, 26 events each told by two to four agencies
  in their own words, among 34 look-alikes that are other news (follow-ups, the same
  council's other decisions, market closes and match reports with other figures);
- *copies*: the first account of each event redistributed by partner feeds the way
  syndication does it: a new headline, the last paragraph cut, two paragraphs swapped,
  a line of boilerplate added.

Precision and recall are counted over pairs of stories: a pair is grouped when both
point at the same published story, and should be when both tell the same event. The
figures are printed with the test run and recorded in docs/wire.md; the floors below
sit just under them, so a change to the features or the threshold that costs accuracy
fails here.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

import pytest

from masthead.core import clock
from masthead.ingest.models import WireItem
from masthead.ingest.wire.mapper import take_in
from masthead.ingest.wire.policy import WirePolicy
from masthead.ingest.wire.records import WireDocument, WireEntry
from tests.ingest.wire.conftest import make_feed
from tests.ingest.wire.near_duplicates import STORIES, Story, events

pytestmark = pytest.mark.django_db
BOILERPLATE = (
    "Additional reporting by the regional desk.",
    "This story has been updated with more detail.",
    "Distributed under licence; all rights reserved.",
)


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    grouped_pairs: int
    true_pairs: int


def copy_of(story: Story, n: int) -> Story:
    """``story`` as a partner feed redistributes it (see the module docstring)."""
    paragraphs = [p for p in story.body.split("\n\n") if p.strip()]
    if len(paragraphs) > 3:
        paragraphs = paragraphs[:-1]
        paragraphs[1], paragraphs[2] = paragraphs[2], paragraphs[1]
    paragraphs.append(BOILERPLATE[n % len(BOILERPLATE)])
    return Story(event=story.event, wire=f"Partner {n % 3}", title=f"UPDATE 1-{story.title}",
                 body="\n\n".join(paragraphs))  # fmt: skip


def arrive(stories: list[Story], seed: int = 20261129) -> dict[int, int]:
    """Take ``stories`` in, one at a time in a shuffled order; story index → its group."""
    feeds = {wire: make_feed(f"https://{n}.wire.example/feed.xml", name=wire)
             for n, wire in enumerate(sorted({s.wire for s in stories}))}  # fmt: skip
    order = list(range(len(stories)))
    random.Random(seed).shuffle(order)
    for index in order:
        story = stories[index]
        paragraphs = "".join(f"<p>{p}</p>" for p in story.body.split("\n\n"))
        entry = WireEntry(key=f"story-{index}", title=story.title, content=paragraphs)
        document = WireDocument(format="rss", entries=(entry,))
        take_in(document, feed=feeds[story.wire], now=clock.now(), policy=WirePolicy())
    items = WireItem.objects.values_list("key", "pk", "same_as_id")
    return {int(key.removeprefix("story-")): same_as or pk for key, pk, same_as in items}


def score(stories: list[Story], groups: dict[int, int]) -> Score:
    grouped = true = both = 0
    for i, j in itertools.combinations(range(len(stories)), 2):
        predicted = groups[i] == groups[j]
        actual = stories[i].event == stories[j].event
        grouped += predicted
        true += actual
        both += predicted and actual
    return Score(both / grouped if grouped else 1.0, both / true, grouped, true)


def report(capsys, name: str, result: Score) -> None:
    with capsys.disabled():
        print(f"\n  near-duplicates, {name}: precision {result.precision:.2f}, "
              f"recall {result.recall:.2f} ({result.grouped_pairs} pairs grouped, "
              f"{result.true_pairs} true pairs)")  # fmt: skip


def test_the_corpus_is_what_the_docs_say():
    told = events()
    assert len(STORIES) == 106
    assert sum(len(v) > 1 for v in told.values()) == 26
    assert sum(len(v) == 1 for v in told.values()) == 34


def test_independent_rewrites_among_look_alikes(capsys):
    stories = list(STORIES)
    result = score(stories, arrive(stories))
    report(capsys, "independent rewrites", result)
    assert result.precision >= 0.85
    assert result.recall >= 0.35


def test_redistributed_copies_are_all_grouped(capsys):
    told = events()
    firsts = [accounts[0] for accounts in told.values()]
    copies = [copy_of(accounts[0], n) for n, accounts in enumerate(told.values())
              if len(accounts) > 1]  # fmt: skip
    stories = firsts + copies
    result = score(stories, arrive(stories))
    report(capsys, "redistributed copies", result)
    assert result.recall >= 0.95
    assert result.precision >= 0.9
