"""``Fragments``: a bounded memo of rendered pieces, the least recently used forgotten first."""

from __future__ import annotations

import pytest

from masthead.core.fragments import Fragments


def test_a_piece_is_made_once_for_its_key():
    memo = Fragments("test", size=4)
    made = []

    def make(text: str):
        return lambda: made.append(text) or text

    assert memo.get_or_make("a", make("A")) == "A"
    assert memo.get_or_make("a", make("other")) == "A"
    assert memo.get_or_make("b", make("B")) == "B"
    assert made == ["A", "B"]


def test_the_least_recently_used_piece_goes_first_when_full():
    memo = Fragments("test", size=2)
    memo.get_or_make("a", lambda: "A")
    memo.get_or_make("b", lambda: "B")
    memo.get_or_make("a", lambda: "not made")  # "a" is used again: "b" is now the oldest
    memo.get_or_make("c", lambda: "C")
    assert len(memo) == 2
    assert memo.get_or_make("a", lambda: "made again") == "A"
    assert memo.get_or_make("b", lambda: "B again") == "B again"


def test_a_failed_make_keeps_nothing():
    memo = Fragments("test", size=2)

    def fail() -> str:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        memo.get_or_make("a", fail)
    assert len(memo) == 0
