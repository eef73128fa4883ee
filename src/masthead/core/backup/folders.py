"""The backup folder: one sub-folder per backup, named for its time, written as ``.partial``."""

from __future__ import annotations

import fcntl
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from masthead.core.backup.manifest import NAME, BackupError

STAMP = "%Y-%m-%dT%H%M%SZ"
PARTIAL = ".partial"
BACKUP_NAME = re.compile(r"^(\d{4}-\d\d-\d\dT\d{6}Z)(?:-(\d+))?(\.partial)?$")
LOCK = ".lock"


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the backup folder for one backup at a time (a timer and a person may overlap)."""
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    with (root / LOCK).open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupError(f"Another backup is being written to {root} now.") from None
        yield


def new_partial(root: Path, now: datetime | None = None) -> Path:
    """Make ``root/<time>.partial`` for a backup to be written into."""
    stamp = (now or datetime.now(UTC)).strftime(STAMP)
    taken = {_key(path.name) for path in root.iterdir() if BACKUP_NAME.match(path.name)}
    number = 1
    while (stamp, number) in taken:
        number += 1
    name = stamp if number == 1 else f"{stamp}-{number}"
    folder = root / f"{name}{PARTIAL}"
    folder.mkdir(mode=0o700)
    return folder


def complete(partial: Path) -> Path:
    """Rename a finished ``.partial`` folder to its final name."""
    final = partial.with_name(partial.name.removesuffix(PARTIAL))
    partial.rename(final)
    return final


def backups(root: Path) -> list[Path]:
    """The complete backups in ``root``, oldest first."""
    if not root.is_dir():
        return []
    found = [
        path
        for path in root.iterdir()
        if (match := BACKUP_NAME.match(path.name)) and not match[3] and (path / NAME).is_file()
    ]
    return sorted(found, key=lambda path: _key(path.name))


def prune(root: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest complete backups, and unfinished ones; hold the lock."""
    complete_ones = backups(root)
    unfinished = [
        path for path in root.iterdir() if (match := BACKUP_NAME.match(path.name)) and match[3]
    ]
    doomed = complete_ones[: max(len(complete_ones) - keep, 0)] + sorted(unfinished)
    for path in doomed:
        shutil.rmtree(path)
    return doomed


def find(path: Path) -> Path:
    """The backup ``path`` names: a backup's own folder, or the newest in a backup folder."""
    if path.name.endswith(PARTIAL):
        raise BackupError(f"{path} is an unfinished backup (it was interrupted): not usable.")
    if (path / NAME).is_file():
        return path
    found = backups(path)
    if not found:
        raise BackupError(f"{path} holds no complete backup (no folder with a {NAME}).")
    return found[-1]


def _key(name: str) -> tuple[str, int]:
    match = BACKUP_NAME.match(name)
    assert match
    return match[1], int(match[2] or 1)
