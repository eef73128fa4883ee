"""The page store's memory bound and tags, and the journals that carry purges to every worker."""

from __future__ import annotations

from pathlib import Path

import pytest

from masthead.caching import journal, store
from masthead.caching.store import MemoryStore, Page

FAR = 10**12


def page(kb: int, *tags: str, expires: float = FAR) -> Page:
    return Page(status=200, headers=[("Content-Type", "text/html")], body=b"x" * (kb * 1024),
                expires=expires, tags=frozenset(tags))  # fmt: skip


def test_the_store_never_holds_more_bytes_than_its_bound():
    pages = MemoryStore(max_bytes=400 * 1024)
    for n in range(100):
        pages.put(f"/{n}", page(30))
        assert pages.bytes <= pages.max_bytes
    assert 10 <= len(pages) <= 13
    assert pages.get("/99", 0) is not None
    assert pages.get("/0", 0) is None


def test_the_least_recently_read_page_goes_first():
    pages = MemoryStore(max_bytes=100 * 1024)
    for n in range(4):
        pages.put(f"/{n}", page(20))
    pages.get("/0", 0)
    pages.put("/4", page(20))
    assert pages.get("/0", 0) is not None
    assert pages.get("/1", 0) is None


def test_one_huge_page_does_not_push_out_the_others():
    pages = MemoryStore(max_bytes=400 * 1024)
    pages.put("/small", page(10))
    pages.put("/huge", page(150))
    assert pages.get("/huge", 0) is None
    assert pages.get("/small", 0) is not None


def test_a_replaced_page_is_counted_once():
    pages = MemoryStore(max_bytes=1024 * 1024)
    for _ in range(5):
        pages.put("/same", page(10, "a:1"))
    assert len(pages) == 1
    assert pages.bytes == page(10).size


def test_dropping_a_tag_drops_exactly_its_pages():
    pages = MemoryStore(max_bytes=1024 * 1024)
    pages.put("/story", page(1, "a:1", "s:2"))
    pages.put("/section", page(1, "s:2"))
    pages.put("/other", page(1, "a:9"))
    assert pages.drop({"a:1"}) == 1
    assert pages.get("/section", 0) is not None
    assert pages.drop({"s:2"}) == 1
    assert pages.get("/other", 0) is not None
    assert pages.drop({"*"}) == 1
    assert (len(pages), pages.bytes) == (0, 0)


def test_an_expired_page_is_gone_and_uncounted():
    pages = MemoryStore(max_bytes=1024 * 1024)
    pages.put("/old", page(1, expires=100))
    assert pages.get("/old", 99) is not None
    assert pages.get("/old", 100) is None
    assert pages.bytes == 0


def test_gzip_is_made_once_and_counted():
    made = page(20)
    before = made.size
    made.compress()
    assert made.gzipped is not None
    assert made.size == before + len(made.gzipped)
    tiny = Page(status=200, headers=[], body=b"short", expires=FAR)
    tiny.compress()
    assert tiny.gzipped is None


# Journals: two instances stand for two worker processes ---------------------------------


def test_the_file_journal_carries_purges_between_processes(tmp_path: Path):
    one, two = journal.FileJournal(tmp_path / "purges"), journal.FileJournal(tmp_path / "purges")
    assert (one.poll(), two.poll()) == (frozenset(), frozenset())
    one.publish(frozenset({"a:1", "home"}))
    assert two.poll() == {"a:1", "home"}
    assert two.poll() == frozenset()
    one.publish(frozenset({"s:3"}))
    one.publish(frozenset({"t:4"}))
    assert two.poll() == {"s:3", "t:4"}


def test_a_half_written_line_waits_for_its_end(tmp_path: Path):
    reader = journal.FileJournal(tmp_path / "purges")
    reader.poll()
    (tmp_path / "purges").write_bytes(b"a:1 a:")
    assert reader.poll() == frozenset()
    with open(tmp_path / "purges", "ab") as fh:
        fh.write(b"2\n")
    assert reader.poll() == {"a:1", "a:2"}


def test_a_journal_started_afresh_drops_everything(tmp_path: Path, monkeypatch):
    writer, reader = (
        journal.FileJournal(tmp_path / "purges"),
        journal.FileJournal(tmp_path / "purges"),
    )
    writer.publish(frozenset({"a:1"}))
    reader.poll()
    monkeypatch.setattr(journal.FileJournal, "MAX_BYTES", 10)
    writer.publish(frozenset({"a:2", "a:3", "a:4"}))
    assert reader.poll() == journal.EVERYTHING_PURGED
    assert reader.poll() == frozenset()


@pytest.mark.django_db
def test_the_cache_journal_carries_purges_between_processes():
    one, two = journal.CacheJournal(), journal.CacheJournal()
    assert two.poll() == frozenset()
    one.publish(frozenset({"a:1"}))
    one.publish(frozenset({"home"}))
    assert two.poll() == {"a:1", "home"}
    assert two.poll() == frozenset()


@pytest.mark.django_db
def test_the_cache_journal_drops_everything_when_it_cannot_read_what_it_missed(monkeypatch):
    one, two = journal.CacheJournal(), journal.CacheJournal()
    two.poll()
    monkeypatch.setattr(journal.CacheJournal, "MOST_TO_READ", 2)
    for n in range(3):
        one.publish(frozenset({f"a:{n}"}))
    assert two.poll() == journal.EVERYTHING_PURGED


def test_a_purge_reaches_this_processs_store_at_once(settings, tmp_path: Path):
    settings.DATA_DIR = tmp_path
    store.reset()
    store.put("http://x/story", page(1, "a:1"))
    store.purge({"a:1"})
    assert store.get("http://x/story") is None
