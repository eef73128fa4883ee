"""Making a backup and restoring one: the steps the two commands run, in order."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from masthead.core import clock
from masthead.core.backup import folders, manifest, media, postgres, sqlite, tables
from masthead.core.backup.manifest import BackupError

ENGINES: dict[str, ModuleType] = {"sqlite": sqlite, "postgresql": postgres}
KEY_FILE = "secret_key"


class Interrupted(BackupError):
    """Someone pressed Ctrl-C; nothing half-made was kept."""


class Steps(Protocol):
    """Where a job reports its progress (a progress bar, or nothing)."""

    def begin(self, label: str, total: int) -> None: ...

    def advance(self) -> None: ...


def engine() -> ModuleType:
    """The module that snapshots and restores the site's kind of database."""
    if connection.vendor not in ENGINES:
        raise BackupError(f"Backups handle SQLite and PostgreSQL, not {connection.vendor}.")
    return ENGINES[connection.vendor]


def make_backup(
    *, root: Path, steps: Steps, stop_requested: Callable[[], bool], keep: int | None = None
) -> dict[str, Any]:
    """Write a complete backup into a new folder of ``root``; prune to ``keep`` if given."""
    if root.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        raise BackupError(f"{root} is inside the media folder: keep backups elsewhere.")
    with folders.locked(root):
        partial = folders.new_partial(root)
        try:
            written = _fill(partial, steps, stop_requested)
            final = folders.complete(partial)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        pruned = folders.prune(root, keep) if keep else []
    return {
        "backup": str(final), "engine": written["engine"], "tables": len(written["tables"]),
        "rows": sum(t["rows"] for t in written["tables"].values()),
        "media_files": len(written["media"]), "unsettled": written["unsettled"],
        "bytes": sum(p.stat().st_size for p in final.rglob("*") if p.is_file()),
        "seconds": written["seconds"], "pruned": [p.name for p in pruned],
    }  # fmt: skip


def _fill(folder: Path, steps: Steps, stop_requested: Callable[[], bool]) -> dict[str, Any]:
    """Snapshot the database, copy the media and the key, and write the manifest last."""
    started, created = time.monotonic(), clock.now()
    steps.begin("Database", len(tables.model_tables()))
    database, sums, schema = engine().snapshot(folder, lambda name: steps.advance())
    root = Path(settings.MEDIA_ROOT)
    files = media.media_files(root)
    steps.begin("Media", len(files))
    copied = media.Copied()
    for tally in media.copy_media(root, folder / "media", files, stop_requested):
        copied = tally
        steps.advance()
    if stop_requested():
        raise Interrupted("Interrupted: the unfinished backup was deleted.")
    written = {
        "created_at": created.isoformat(), "engine": connection.vendor, "schema": schema,
        "database": database, "tables": {name: s.as_dict() for name, s in sums.items()},
        "media": copied.files, "unsettled": copied.unsettled,
        "secret_key": _copy_secret_key(folder),
        "seconds": round(time.monotonic() - started, 2),
    }  # fmt: skip
    manifest.write(folder, written)
    return written


def _copy_secret_key(folder: Path) -> bool:
    """Keep the data folder's generated key with the backup (when the site uses it)."""
    path = Path(settings.DATA_DIR) / KEY_FILE
    if not path.is_file() or path.read_text().strip() != settings.SECRET_KEY:
        return False
    shutil.copy2(path, folder / KEY_FILE)
    (folder / KEY_FILE).chmod(0o600)
    return True


def restore_backup(
    *, path: Path, steps: Steps, stop_requested: Callable[[], bool]
) -> dict[str, Any]:
    """Check the backup at ``path``, restore it into the empty site, and check the result."""
    folder = folders.find(path)
    found = manifest.read(folder)
    manifest.check_schema(found)
    if found["engine"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {found['engine']} database and the site uses "
            f"{connection.vendor}: restore it into {found['engine']} (see DATABASE_URL)."
        )
    kind, root = engine(), Path(settings.MEDIA_ROOT)
    media.ensure_empty(root)
    kind.prepare_target()
    _ensure_empty_database()
    _check_files(folder, found, steps, stop_requested)
    steps.begin("Database", len(found["tables"]))
    kind.restore(folder, found, lambda sums: _compare(found, sums), lambda name: steps.advance())
    media.install_media(folder, root)
    return {
        "backup": str(folder), "created_at": found["created_at"], "engine": found["engine"],
        "tables": len(found["tables"]),
        "rows": sum(t["rows"] for t in found["tables"].values()),
        "media_files": len(found["media"]), "verified": True,
        "secret_key": _restore_secret_key(folder), "migrate": _needs_migrate(),
    }  # fmt: skip


def _ensure_empty_database() -> None:
    """Refuse to restore into a database that has tables."""
    name = connection.settings_dict["NAME"]
    try:
        names = connection.introspection.table_names()
    except DatabaseError as exc:
        raise BackupError(
            f"Cannot open the database {name}: {str(exc).strip()}. Create it, empty, first."
        ) from exc
    if names:
        raise BackupError(
            f"The database {name} already has {len(names)} tables. Restore into a new data "
            "folder (--data DIR) or a new, empty database (DATABASE_URL): a restore never "
            "overwrites one; move the old one aside first."
        )


def _check_files(
    folder: Path, found: dict[str, Any], steps: Steps, stop_requested: Callable[[], bool]
) -> None:
    database = found["database"]
    media.check_file(folder / database["file"], database, database["file"])
    steps.begin("Checking", len(found["media"]))
    for _ in media.check_media(folder, found["media"]):
        steps.advance()
        if stop_requested():
            raise Interrupted("Interrupted before anything was restored.")


def _compare(found: dict[str, Any], sums: dict[str, tables.TableSum]) -> None:
    problems = tables.differences(found["tables"], sums)
    if problems:
        raise BackupError(
            "The restored database differs from the backup's manifest:\n  " + "\n  ".join(problems)
        )


def _restore_secret_key(folder: Path) -> bool:
    """Put the backup's key in the data folder, when the site takes its key from there."""
    saved, path = folder / KEY_FILE, Path(settings.DATA_DIR) / KEY_FILE
    in_use = path.is_file() and path.read_text().strip() == settings.SECRET_KEY
    if not saved.is_file() or not in_use:
        return False
    shutil.copy2(saved, path)
    path.chmod(0o600)
    return True


def _needs_migrate() -> bool:
    """Whether the restored schema is older than this code's (``masthead migrate`` is next)."""
    connection.close()
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
