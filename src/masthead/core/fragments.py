"""Rendered pieces of pages, kept in the worker's memory by everything they were made from.

A ``Fragments`` memo maps a key to the HTML made from it. The key must hold every value
the HTML shows (a story's title, its picture's files, its authors' names, the language),
so a piece is never stale: when anything it shows changes, its key changes and the old
piece simply ages out. Nothing needs purging, in any worker::

    teasers = Fragments("teasers", size=2048)
    html = teasers.get_or_make(("lead", story.pk, story.title, ...), lambda: render(story))

The oldest pieces are forgotten first once ``size`` are held; pieces are a few kilobytes,
so a memo of 2,048 costs a worker a few megabytes at most (teasers: about 7 MB).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock


class Fragments:
    """A bounded, least-recently-used memo of rendered HTML, safe across threads."""

    def __init__(self, name: str, *, size: int) -> None:
        self.name = name
        self.size = size
        self._pieces: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], str]) -> str:
        """The piece kept for ``key``, else ``make()``'s, kept for next time."""
        with self._lock:
            piece = self._pieces.get(key)
            if piece is not None:
                self._pieces.move_to_end(key)
                return piece
        piece = make()  # outside the lock: rendering may take a while, or raise
        with self._lock:
            self._pieces[key] = piece
            while len(self._pieces) > self.size:
                self._pieces.popitem(last=False)
        return piece

    def clear(self) -> None:
        with self._lock:
            self._pieces.clear()

    def __len__(self) -> int:
        return len(self._pieces)
