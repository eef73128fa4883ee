"""A site-wide content version that every worker process agrees on.

Caches keyed by it go stale together when it moves on: ``bump()`` after a change,
``current()`` when building a cache key. With a shared cache (Redis) the version lives
in the cache; with an in-process cache each worker has its own memory, so the version
lives in a small file in the data folder, which every worker reads (a few microseconds;
file timestamps are too coarse to tell two quick changes apart, so the content counts).

A bulk writer (the WordPress import) wraps its work in ``coalesced(every=1.0)``: the
many bumps its saves ask for become at most one a second, and one when it ends.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal
from django.utils.crypto import get_random_string

KEY = "masthead:generation"
FILE_NAME = "generation"
CHANGES_KEY = "masthead:changes"
CHANGES_FILE = "changes"

T = TypeVar("T")

# Sent after the version moved on (no arguments): what keeps copies of pages drops them.
bumped = Signal()


@dataclass
class _Coalescing:
    every: float
    last: float
    pending: bool = False


_COALESCING: ContextVar[_Coalescing | None] = ContextVar("masthead_generation", default=None)


def current() -> str:
    """The current version (made on first use)."""
    return _read(KEY, FILE_NAME)


def changes() -> str:
    """A second version, moved on by ``changed()`` at every change readers may see.

    Finer than ``current()``, which empties every cache: the page cache purges pages one
    by one and calls ``changed()`` with each purge, so a memo of what many pages share
    (the newest stories) knows when to read it again, in every worker, and nothing else
    is dropped.
    """
    return _read(CHANGES_KEY, CHANGES_FILE)


def changed() -> None:
    """Move ``changes()`` on (``current()`` stays)."""
    _write(CHANGES_KEY, CHANGES_FILE)


def _read(key: str, file_name: str) -> str:
    if process_local():
        return _from_file(file_name)
    value = cache.get(key)
    if value is None:
        cache.add(key, get_random_string(8), None)
        value = cache.get(key, "0")
    return str(value)


def _write(key: str, file_name: str) -> None:
    if process_local():
        path = _path(file_name)
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = path.with_name(f".{file_name}-{get_random_string(6)}")
        fresh.write_text(get_random_string(12))
        os.replace(fresh, path)  # atomic: readers see the old or the new, never half
    else:
        cache.set(key, get_random_string(8), None)


def cached(name: str, build: Callable[[], T], timeout: int = 3600) -> T:
    """Return ``build()``, kept in the cache until the content version moves on.

    Keyed by the version, so a change made in one worker process is seen by all of them
    even when each keeps its own in-process cache.
    """
    key = f"masthead:{name}:{current()}"
    value: T | None = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value


def forget(name: str) -> None:
    """Drop what ``cached(name, …)`` keeps for the current version."""
    cache.delete(f"masthead:{name}:{current()}")


def bump() -> None:
    """Move the version on: everything keyed by the old one is stale.

    Inside ``coalesced`` it moves at most once per its ``every`` seconds (and at the end).
    """
    held = _COALESCING.get()
    if held is not None:
        held.pending = True
        if time.monotonic() - held.last < held.every:
            return
        held.pending, held.last = False, time.monotonic()
    _move_on()


@contextmanager
def coalesced(every: float = 1.0) -> Iterator[None]:
    """Within this block, ``bump()`` moves the version at most once per ``every`` seconds.

    A bump asked for in the last interval happens when the block ends, so nothing is
    left stale; readers see changes up to ``every`` seconds late meanwhile.
    """
    held = _Coalescing(every=every, last=time.monotonic())
    token = _COALESCING.set(held)
    try:
        yield
    finally:
        _COALESCING.reset(token)
        if held.pending:
            _move_on()


def _move_on() -> None:
    _write(KEY, FILE_NAME)
    _write(CHANGES_KEY, CHANGES_FILE)  # a change of everything is a change
    bumped.send(sender=None)


def process_local() -> bool:
    return str(settings.CACHES["default"]["BACKEND"]).endswith(("LocMemCache", "DummyCache"))


def _path(file_name: str = FILE_NAME) -> Path:
    return Path(settings.DATA_DIR) / file_name


def _from_file(file_name: str = FILE_NAME) -> str:
    # os.open and os.read rather than Path.read_text: a page reads a version two or three
    # times, and Python's buffered text file around one short read cost five times more.
    try:
        handle = os.open(os.path.join(settings.DATA_DIR, file_name), os.O_RDONLY)
    except FileNotFoundError:
        return "0"
    try:
        return os.read(handle, 256).decode() or "0"
    finally:
        os.close(handle)
