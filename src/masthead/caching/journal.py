"""How a purge made in one worker process reaches the page stores of all the others.

A purge is *published* as a line of tags; every process *polls* before it looks a page
up and drops what the lines it had not yet read name. Two journals, one interface:

- ``FileJournal`` (the cache is in-process, so every worker is on this machine): a file
  in the data folder that purges are appended to. A poll is one ``stat`` call, a few
  microseconds, unless the file grew. A journal past ``FileJournal.MAX_BYTES`` is
  replaced by an empty one, and a reader that sees a new file drops everything.
- ``CacheJournal`` (a shared cache such as Redis; workers may be on several machines): a
  counter in the cache and one entry per purge, kept an hour. A poll is one cache read;
  a reader that finds entries missing, too many to read, or the cache unreachable drops
  everything, which is always safe.

``poll()`` returns the tags to drop (``{"*"}`` for everything), or an empty set.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.cache import cache

from masthead.articles.pagetags import EVERYTHING
from masthead.core import generation

EVERYTHING_PURGED = frozenset({EVERYTHING})  # what a reader must assume when it cannot tell


class Journal(Protocol):
    def publish(self, tags: frozenset[str]) -> None: ...

    def poll(self) -> frozenset[str]: ...


def _line(tags: frozenset[str]) -> str:
    # Tags are short names without spaces; anything else is split where it would break.
    return " ".join(sorted(t for tag in tags for t in tag.split())) + "\n"


class FileJournal:
    """Purges appended to a file that every worker on the machine reads."""

    MAX_BYTES = 1 << 20

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._looked = False
        self._inode: int | None = None
        self._offset = 0

    def publish(self, tags: frozenset[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = _line(tags).encode()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)  # one write with O_APPEND: lines never interleave
            size = os.fstat(fd).st_size
        finally:
            os.close(fd)
        if size > self.MAX_BYTES:
            self._start_afresh()

    def poll(self) -> frozenset[str]:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            inode, size = None, 0
        else:
            inode, size = info.st_ino, info.st_size
        if not self._looked:
            # A first look: this process stores nothing yet, so past purges do not matter.
            with self._lock:
                self._looked, self._inode, self._offset = True, inode, size
            return frozenset()
        if inode == self._inode and size == self._offset:
            return frozenset()
        if (inode != self._inode and self._inode is not None) or size < self._offset:
            # Replaced or cut short: purges may have gone unread, so drop everything.
            with self._lock:
                self._inode, self._offset = inode, size
            return EVERYTHING_PURGED
        with self._lock:
            self._inode = inode  # the first purge since this process started
        return self._read(size)

    def _read(self, size: int) -> frozenset[str]:
        with self._lock:
            with open(self.path, "rb") as fh:
                fh.seek(self._offset)
                chunk = fh.read(size - self._offset)
            complete = chunk.rfind(b"\n") + 1  # a line still being written waits
            self._offset += complete
        return frozenset(chunk[:complete].decode().split())

    def _start_afresh(self) -> None:
        fresh = self.path.with_name(f".{self.path.name}-{os.getpid()}")
        fresh.write_bytes(b"")
        os.replace(fresh, self.path)


class CacheJournal:
    """Purges numbered by a counter in the shared cache, each kept as an entry an hour."""

    COUNTER = "masthead:page-purges"
    ENTRY = "masthead:page-purge:{}"
    KEEP_SECONDS = 3600
    MOST_TO_READ = 200

    def __init__(self) -> None:
        self._seen: int | None = None

    def publish(self, tags: frozenset[str]) -> None:
        cache.add(self.COUNTER, 0, None)
        try:
            number = cache.incr(self.COUNTER)
        except ValueError:  # the cache is unreachable or was emptied just now
            return
        cache.set(self.ENTRY.format(number), _line(tags), self.KEEP_SECONDS)

    def poll(self) -> frozenset[str]:
        latest = cache.get(self.COUNTER)
        if latest is None:  # nothing published yet, the cache emptied, or unreachable
            cache.add(self.COUNTER, 0, None)
            latest = cache.get(self.COUNTER)
        seen, self._seen = self._seen, latest
        if latest is None:
            return EVERYTHING_PURGED  # unreachable: nothing stored can be trusted
        if seen is None or latest == seen:
            return frozenset()  # a first look (the store is empty), or nothing new
        if latest < seen or latest - seen > self.MOST_TO_READ:
            return EVERYTHING_PURGED
        entries = cache.get_many([self.ENTRY.format(n) for n in range(seen + 1, latest + 1)])
        if len(entries) != latest - seen:
            return EVERYTHING_PURGED  # expired, or published a moment ago and not yet written
        return frozenset(" ".join(entries.values()).split())


_journal: Journal | None = None


def current() -> Journal:
    """The journal this process publishes to and polls."""
    global _journal
    if _journal is None:
        if generation.process_local():
            _journal = FileJournal(Path(settings.DATA_DIR) / "page-purges")
        else:
            _journal = CacheJournal()
    return _journal


def reset() -> None:
    global _journal
    _journal = None
