"""The shared kit of long-running commands."""

from __future__ import annotations

import argparse
import io
from contextlib import nullcontext
from typing import Any

import pytest
from django.core.management.base import CommandParser, OutputWrapper

from masthead.core.batchjobs import (
    action_parsers,
    batched_upkeep,
    deferred_upkeep,
    positive_int,
    progress_bar,
    until,
    upkeep_deferred,
    upkeep_later,
    upkeep_note,
    upkeep_noted,
)


@pytest.mark.parametrize("text", ["1", "250", " 7 "])
def test_positive_int_accepts_whole_numbers_above_zero(text):
    assert positive_int(text) == int(text)


@pytest.mark.parametrize("text", ["0", "-3", "2.5", "ten", ""])
def test_positive_int_refuses_anything_else_saying_what_was_given(text):
    with pytest.raises(argparse.ArgumentTypeError, match="is not a whole number above zero"):
        positive_int(text)


def test_until_stops_before_the_next_batch_and_closes_the_job():
    started, closed, stop = [], [], []

    def job():
        try:
            for n in range(5):
                started.append(n)
                yield n
        finally:
            closed.append(True)

    done = []
    for batch in until(lambda: bool(stop), job()):
        done.append(batch)
        if batch == 1:
            stop.append(True)
    assert done == [0, 1]
    assert started == [0, 1]  # batch 2 was never begun
    assert closed == [True]


def test_actions_take_json_before_or_after_their_name():
    parser = CommandParser(prog="masthead thing")
    add = action_parsers(parser)
    add("go")
    assert parser.parse_args(["--json", "go"]).json is True
    assert parser.parse_args(["go", "--json"]).json is True
    assert parser.parse_args(["go"]).json is False


def test_no_progress_bar_when_nobody_watches():
    assert isinstance(progress_bar(OutputWrapper(io.StringIO())), nullcontext)


def test_deferred_upkeep_holds_only_inside_its_block_even_after_an_error():
    seen = []

    def failing_import():
        with deferred_upkeep():
            seen.append(upkeep_deferred())
            raise RuntimeError("the import failed")

    assert not upkeep_deferred()
    with pytest.raises(RuntimeError):
        failing_import()
    assert seen == [True]
    assert not upkeep_deferred()


def test_batched_upkeep_runs_each_held_work_once_with_its_articles_in_order():
    done: list[tuple[str, list[int]]] = []

    def index(pks: dict[int, Any]) -> None:
        done.append(("index", list(pks)))

    def relist(pks: dict[int, Any]) -> None:
        done.append(("relist", list(pks)))

    with batched_upkeep() as run:
        assert upkeep_later(index, 3)
        assert upkeep_later(relist, 3)
        assert upkeep_later(index, 1)
        assert upkeep_later(index, 3)
        assert done == []
        run()
        assert done == [("index", [3, 1]), ("relist", [3])]
        run()  # nothing held any more
        assert len(done) == 2
    assert not upkeep_later(index, 4)  # outside a batch: the receiver works at once
    assert len(done) == 2


def test_batched_upkeep_keeps_the_first_note_of_each_article():
    seen: list[dict[int, Any]] = []
    with batched_upkeep() as run:
        assert upkeep_later(seen.append, 7, note="before")
        assert upkeep_later(seen.append, 7, note="between")
        assert upkeep_later(seen.append, 2)
        assert upkeep_noted(seen.append, 7)
        assert not upkeep_noted(seen.append, 3)
        assert upkeep_note(seen.append, 7) == "before"
        run()
        assert not upkeep_noted(seen.append, 7)
    assert seen == [{7: "before", 2: None}]
    assert not upkeep_noted(seen.append, 7)
