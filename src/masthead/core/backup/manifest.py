"""manifest.json: what a backup holds, and the schema checks a restore makes first."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db.migrations.loader import MigrationLoader

import masthead

NAME = "manifest.json"
FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup cannot be made or restored; the message says what and where."""


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's contents, read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def schema_of(cursor: Any, quote: Callable[[str], str]) -> dict[str, str]:
    """The latest applied migration of each app, read through ``cursor`` from the snapshot."""
    cursor.execute(f"SELECT app, name FROM {quote('django_migrations')}")  # noqa: S608
    latest: dict[str, str] = {}
    for app, name in cursor.fetchall():
        latest[app] = max(latest.get(app, name), name)
    return dict(sorted(latest.items()))


def unknown_migrations(schema: dict[str, str]) -> list[str]:
    """The backup's migrations this code does not have (it was made by a newer Masthead)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [f"{app}.{name}" for app, name in sorted(schema.items()) if (app, name) not in known]


def write(folder: Path, manifest: dict[str, Any]) -> None:
    """Write ``folder/manifest.json`` to disk and flush it."""
    data = json.dumps({"format": FORMAT, "masthead": masthead.__version__, **manifest}, indent=1)
    with (folder / NAME).open("w", encoding="utf-8") as f:
        f.write(data + "\n")
        f.flush()
        os.fsync(f.fileno())


def read(folder: Path) -> dict[str, Any]:
    """The manifest of the backup in ``folder``, or a BackupError saying why not."""
    path = folder / NAME
    if not path.is_file():
        raise BackupError(f"{folder} is not a backup: it has no {NAME}.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{path} is damaged: {exc}") from exc
    missing = {"format", "engine", "schema", "tables", "database", "media"} - set(manifest)
    if missing:
        raise BackupError(f"{path} is damaged: it lacks {', '.join(sorted(missing))}.")
    if manifest["format"] > FORMAT:
        raise BackupError(
            f"{path} is in backup format {manifest['format']}, made by Masthead "
            f"{manifest.get('masthead', '?')}; this Masthead ({masthead.__version__}) reads "
            f"format {FORMAT}. Upgrade Masthead to restore it."
        )
    return dict(manifest)


def check_schema(manifest: dict[str, Any]) -> None:
    """Refuse a backup whose schema is newer than this code's migrations."""
    unknown = unknown_migrations(manifest["schema"])
    if unknown:
        raise BackupError(
            f"This backup was made by a newer Masthead ({manifest.get('masthead', '?')}; "
            f"this is {masthead.__version__}): its schema has migration(s) this code does not "
            f"know: {', '.join(unknown)}. Upgrade Masthead, then restore again."
        )
