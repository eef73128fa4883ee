"""Where cached pages live: in each worker's memory, bounded by bytes, purged by tag.

Every worker process keeps its own pages (a hit then costs no network round trip and no
unpickling) in a least-recently-used store that never holds more than
``PAGE_CACHE_MEMORY_MB`` of bodies. Purges must reach every worker, so they go through a
*journal* all workers read before each lookup (``masthead.caching.journal``): a small
file in the data folder when the cache is in-process, a Redis list when Redis is the
cache (workers on several machines then hear the same purges).

A stored page is the whole answer: status, headers and body, its gzip form made once,
and the tags that say what it shows (``masthead.caching.tags``).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings

from masthead.articles.pagetags import EVERYTHING
from masthead.caching import journal
from masthead.core import clock

# Bodies shorter than this are sent as they are: gzip would save too little to matter.
SMALLEST_TO_COMPRESS = 860


@dataclass(slots=True)
class Page:
    """One stored answer, ready to be sent again as it is."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    expires: float
    tags: frozenset[str] = frozenset()
    gzipped: bytes | None = None
    etag: str | None = field(init=False)
    last_modified: str | None = field(init=False)
    size: int = field(init=False)

    def __post_init__(self) -> None:
        # The ETag is sent by whoever replays, in the form that fits the body sent.
        self.etag = self.header("ETag")
        self.last_modified = self.header("Last-Modified")
        self.headers = [(k, v) for k, v in self.headers if k.lower() != "etag"]
        self.size = len(self.body) + 64 * len(self.headers)

    def compress(self) -> None:
        """Make the gzip form once, so no reader waits for it."""
        if self.gzipped is None and len(self.body) >= SMALLEST_TO_COMPRESS:
            # mtime=0: the same page gzips to the same bytes in every worker.
            self.gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
            self.size += len(self.gzipped)

    @property
    def etag_gzip(self) -> str | None:
        """The gzipped body's own validator: a weak one, as it is not the same bytes."""
        if not self.etag:
            return None
        return f'W/{self.etag.removeprefix("W/")[:-1]}-gzip"'

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)


def key_for(scheme: str, host: str, path: str, query: str) -> str:
    """The key of one page: its address as the reader asked for it."""
    address = f"{scheme}://{host}{path}?{query}" if query else f"{scheme}://{host}{path}"
    if len(address) <= 256:
        return address
    # Long or odd addresses make short keys, so they cannot cost more memory than a page.
    return "#" + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


class MemoryStore:
    """Pages by key, least recently used first out once the bodies pass ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._pages: OrderedDict[str, Page] = OrderedDict()
        self._by_tag: dict[str, set[str]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._pages)

    def get(self, key: str, now: float) -> Page | None:
        page = self._pages.get(key)
        if page is None:
            return None
        if page.expires <= now:
            with self._lock:
                self._remove(key)
            return None
        with contextlib.suppress(KeyError):  # dropped by another thread in between
            self._pages.move_to_end(key)
        return page

    def put(self, key: str, page: Page) -> None:
        if page.size > self.max_bytes // 4:
            return  # one page may not push out a quarter of the others
        with self._lock:
            self._remove(key)
            self._pages[key] = page
            self.bytes += page.size
            for tag in page.tags:
                self._by_tag.setdefault(tag, set()).add(key)
            while self.bytes > self.max_bytes and self._pages:
                self._remove(next(iter(self._pages)))

    def drop(self, tags: Iterable[str]) -> int:
        """Forget every page carrying one of ``tags``; how many went."""
        with self._lock:
            tags = set(tags)
            if EVERYTHING in tags:
                count = len(self._pages)
                self._clear()
                return count
            keys = set().union(*(self._by_tag.get(tag, ()) for tag in tags))
            for key in keys:
                self._remove(key)
            return len(keys)

    def _remove(self, key: str) -> None:
        page = self._pages.pop(key, None)
        if page is None:
            return
        self.bytes -= page.size
        for tag in page.tags:
            keys = self._by_tag.get(tag)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._by_tag[tag]

    def _clear(self) -> None:
        self._pages.clear()
        self._by_tag.clear()
        self.bytes = 0


_store: MemoryStore | None = None
_store_lock = threading.Lock()


def pages() -> MemoryStore:
    """This process's store, with every purge other processes published applied."""
    global _store
    if _store is None:
        with _store_lock:
            if _store is None:
                _store = MemoryStore(settings.PAGE_CACHE_MEMORY_MB * 1024 * 1024)
    heard = journal.current().poll()
    if heard:
        _store.drop(heard)
    return _store


def get(key: str) -> Page | None:
    """The page stored under ``key``, unless it has expired or was purged."""
    return pages().get(key, clock.now().timestamp())


def put(key: str, page: Page) -> None:
    pages().put(key, page)


def purge(tags: Iterable[str]) -> None:
    """Drop every page carrying any of ``tags``, in this process now and in the others
    before their next lookup."""
    tags = frozenset(tags)
    if not tags:
        return
    journal.current().publish(tags)
    pages()


def purge_all() -> None:
    """Drop every stored page in every process."""
    purge({EVERYTHING})


def reset() -> None:
    """Forget this process's store and journal position (tests and settings changes)."""
    global _store
    with _store_lock:
        _store = None
    journal.reset()
