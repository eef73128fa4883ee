"""SQLite: a snapshot with the online backup API, restored by putting the copy in place.

``Connection.backup`` in one step reads the whole database inside one read transaction:
in WAL mode the site's writers carry on meanwhile, and the copy is the database as of
the moment that transaction began.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection

from masthead.core.backup import tables
from masthead.core.backup.manifest import BackupError, file_sha256, schema_of

FILE = "database.sqlite3"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy the database behind ``source`` to the new file ``target``, as of one moment."""
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # every page in one step: one read transaction, one moment
    finally:
        copy.close()


def read_sums(
    path: Path, wanted: dict[str, str], on_table: Callable[[str], None]
) -> tuple[dict[str, tables.TableSum], dict[str, str]]:
    """Rows and digests of ``wanted`` tables (those present) in the file, and its schema."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cursor = db.cursor()
        present = _table_names(cursor)
        chosen = {name: key for name, key in wanted.items() if name in present}
        return tables.sum_tables(cursor, chosen, quote, on_table), schema_of(cursor, quote)
    finally:
        db.close()


def snapshot(
    folder: Path, on_table: Callable[[str], None]
) -> tuple[dict[str, Any], dict[str, tables.TableSum], dict[str, str]]:
    """Copy the site's database into ``folder``; its file entry, table sums and schema."""
    connection.ensure_connection()
    target = folder / FILE
    copy_database(connection.connection, target)
    sums, schema = read_sums(target, tables.model_tables(), on_table)
    entry = {"file": FILE, "bytes": target.stat().st_size, "sha256": file_sha256(target)}
    return entry, sums, schema


def prepare_target() -> None:
    """Make the folder the database file goes in (a new data folder may lack it)."""
    if not _in_memory():
        _database_path().parent.mkdir(parents=True, exist_ok=True)


def restore(
    folder: Path,
    manifest: dict[str, Any],
    check: Callable[[dict[str, tables.TableSum]], None],
    on_table: Callable[[str], None],
) -> dict[str, tables.TableSum]:
    """Copy the backup's database beside the site's, ``check`` its sums, then put it in place."""
    path = _database_path()
    staging = path.with_name(f".{path.name}.restoring")
    staging.unlink(missing_ok=True)
    try:
        backup = sqlite3.connect(f"file:{folder / FILE}?mode=ro", uri=True)
        try:
            copy_database(backup, staging)
        finally:
            backup.close()
        wanted = {name: table["key"] for name, table in manifest["tables"].items()}
        sums, _ = read_sums(staging, wanted, on_table)
        check(sums)
    except BaseException:  # a failed check or a second Ctrl-C: leave nothing behind
        staging.unlink(missing_ok=True)
        raise
    connection.close()
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)  # the empty database's, not the copy's
    staging.rename(path)
    return sums


def _database_path() -> Path:
    if _in_memory():
        raise BackupError("A restore needs a SQLite database in a file, not in memory.")
    return Path(connection.settings_dict["NAME"])


def _in_memory() -> bool:
    name = str(connection.settings_dict["NAME"])
    return name == ":memory:" or name.startswith("file:")


def _table_names(cursor: Any) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in cursor.fetchall() if not name.startswith("sqlite_")}
