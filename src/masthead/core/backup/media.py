"""Copying the media folder into a backup and back, each file checked by its SHA-256.

The site keeps serving and taking uploads meanwhile. A file is copied while its digest
is taken, then looked at again: if its size or time changed during the copy it was being
written, and it is copied again (up to ``ATTEMPTS`` times). A file that never holds still
is left out and named in the manifest's ``unsettled`` list, never stored half-written.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from masthead.core.backup.manifest import CHUNK, BackupError, file_sha256

ATTEMPTS = 3


@dataclass
class Copied:
    """What a media copy stored: one entry per file, and the files left out."""

    files: list[dict[str, Any]] = field(default_factory=list)
    unsettled: list[str] = field(default_factory=list)


def media_files(root: Path) -> list[Path]:
    """Every file under ``root``, in name order (none if it does not exist)."""
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def copy_media(
    root: Path, target: Path, files: list[Path], stop_requested: Callable[[], bool]
) -> Iterator[Copied]:
    """Copy ``files`` from ``root`` to ``target``; yield the running tally after each file."""
    copied = Copied()
    for source in files:
        if stop_requested():
            return
        name = source.relative_to(root).as_posix()
        entry = _copy_settled(source, target / name)
        if entry is None:
            copied.unsettled.append(name)
        elif entry:
            copied.files.append({"path": name, **entry})
        yield copied


def _copy_settled(source: Path, destination: Path) -> dict[str, Any] | None:
    """Copy one file, again if it changed meanwhile.

    Returns its size and digest, ``{}`` if it was deleted, None if it never held still.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(ATTEMPTS):
        try:
            before = source.stat()
            digest, size = _copy_hashing(source, destination)
            after = source.stat()
        except FileNotFoundError:  # deleted since the folder was listed
            destination.unlink(missing_ok=True)
            return {}
        settled = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
        if settled and size == after.st_size:
            return {"bytes": size, "sha256": digest}
    destination.unlink(missing_ok=True)
    return None


def _copy_hashing(source: Path, destination: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with source.open("rb") as src, destination.open("wb") as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
    shutil.copystat(source, destination)
    return digest.hexdigest(), size


def check_media(folder: Path, entries: list[dict[str, Any]]) -> Iterator[str]:
    """Check each of the backup's media files against the manifest; yield each name checked."""
    for entry in entries:
        path = folder / "media" / entry["path"]
        _check_file(path, entry["bytes"], entry["sha256"], f"media/{entry['path']}")
        yield entry["path"]


def check_file(path: Path, entry: dict[str, Any], label: str) -> None:
    """Refuse a backup file whose size or digest differs from the manifest's."""
    _check_file(path, entry["bytes"], entry["sha256"], label)


def _check_file(path: Path, size: int, sha256: str, label: str) -> None:
    if not path.is_file():
        raise BackupError(f"The backup is damaged: {label} is missing.")
    found = path.stat().st_size
    if found != size:
        raise BackupError(
            f"The backup is damaged: {label} has {found:,} bytes, the manifest says {size:,}."
        )
    if file_sha256(path) != sha256:
        raise BackupError(f"The backup is damaged: {label} does not match its SHA-256.")


def ensure_empty(root: Path) -> None:
    """Refuse to restore over a media folder that holds files."""
    if root.is_dir() and any(root.iterdir()):
        raise BackupError(
            f"The media folder {root} is not empty. Restore into a new data folder "
            "(--data DIR), or move this one aside first: a restore never overwrites files."
        )


def install_media(folder: Path, root: Path) -> None:
    """Move the backup's media (copied beside ``root`` first) into place as ``root``."""
    staging = root.with_name(f".{root.name}.restoring-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    source = folder / "media"
    if source.is_dir():
        shutil.copytree(source, staging)
    else:
        staging.mkdir(parents=True)
    if root.is_dir():
        root.rmdir()  # empty: ensure_empty said so
    staging.rename(root)
