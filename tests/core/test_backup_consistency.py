"""Backups taken while the site writes: the database as of one moment, no half-written file."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from masthead.core.backup import media, sqlite


@contextmanager
def writing(action, stop: threading.Event) -> Iterator[list[int]]:  # type: ignore[no-untyped-def]
    """Run ``action`` over and over in a thread until the block ends; yields its count."""
    done = [0]

    def loop() -> None:
        while not stop.is_set():
            action()
            done[0] += 1

    thread = threading.Thread(target=loop)
    thread.start()
    try:
        yield done
    finally:
        stop.set()
        thread.join()


def test_a_sqlite_snapshot_is_one_moment_while_another_connection_writes(tmp_path: Path):
    """Each transaction moves money between two accounts: every copy must balance."""
    path = tmp_path / "site.sqlite3"
    setup = sqlite3.connect(path)
    setup.executescript(
        "PRAGMA journal_mode=WAL; CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER);"
        "INSERT INTO ledger (amount) VALUES (1000);"
    )
    setup.close()
    writer = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=20)

    def transfer() -> None:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO ledger (amount) VALUES (-7)")
        writer.execute("INSERT INTO ledger (amount) VALUES (7)")
        writer.execute("COMMIT")

    reader = sqlite3.connect(path, check_same_thread=False)
    copies = []
    with writing(transfer, threading.Event()) as done:
        for n in range(4):
            while done[0] < (n + 1) * 10:  # let some transactions in between copies
                time.sleep(0.001)
            copies.append(tmp_path / f"copy-{n}.sqlite3")
            sqlite.copy_database(reader, copies[-1])
    writer.close()
    reader.close()
    seen = [_ledger(copy) for copy in copies]
    assert all(total == 1000 for _, total in seen)
    assert all(rows % 2 == 1 for rows, _ in seen)  # the opening row and whole pairs
    assert len({rows for rows, _ in seen}) == len(copies)  # the writer moved on between copies


def _ledger(path: Path) -> tuple[int, int]:
    db = sqlite3.connect(path)
    rows, total = db.execute("SELECT count(*), sum(amount) FROM ledger").fetchone()
    db.close()
    return rows, total


def test_a_media_file_still_being_written_is_left_out_and_named(tmp_path: Path, monkeypatch):
    """The upload grows while each copy of it is read, on every attempt.

    The writer is stepped in by hand rather than run in a thread: a thread on a busy machine
    may not be scheduled during a copy at all, and the test would pass or fail by chance.
    """
    root, target = tmp_path / "media", tmp_path / "backup"
    (root / "images").mkdir(parents=True)
    settled = root / "images" / "harbour.jpg"
    settled.write_bytes(b"\xff\xd8 a finished picture" * 1000)
    growing = root / "images" / "upload.jpg"
    growing.write_bytes(b"\0" * 2**20)
    copy = media._copy_hashing

    def copy_while_the_upload_grows(source: Path, destination: Path) -> tuple[str, int]:
        result = copy(source, destination)
        if source == growing:
            with growing.open("ab") as f:
                f.write(b"more")
        return result

    monkeypatch.setattr(media, "_copy_hashing", copy_while_the_upload_grows)
    results = list(media.copy_media(root, target, media.media_files(root), lambda: False))
    copied = results[-1]
    assert copied.unsettled == ["images/upload.jpg"]
    assert copied.files == [{
        "path": "images/harbour.jpg", "bytes": settled.stat().st_size,
        "sha256": hashlib.sha256(settled.read_bytes()).hexdigest(),
    }]  # fmt: skip
    assert not (target / "images" / "upload.jpg").exists()
