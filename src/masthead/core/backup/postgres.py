"""PostgreSQL: pg_dump in custom format from a snapshot this process exports, and pg_restore.

The backup opens a REPEATABLE READ transaction, exports its snapshot and hands it to
``pg_dump --snapshot``: the dump and the manifest's row counts and digests (read in that
same transaction while pg_dump runs) see the same moment, whatever the site writes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from masthead.core.backup import tables
from masthead.core.backup.manifest import BackupError, file_sha256, schema_of

FILE = "database.pgdump"
INSTALL_HINT = "install PostgreSQL's client programs (Debian: apt install postgresql-client)"


def snapshot(
    folder: Path, on_table: Callable[[str], None]
) -> tuple[dict[str, Any], dict[str, tables.TableSum], dict[str, str]]:
    """Dump the site's database into ``folder``; its file entry, table sums and schema."""
    pg_dump, major = program("pg_dump")
    server = connection.cursor().connection.info.server_version // 10000
    if major < server:
        raise BackupError(
            f"pg_dump is version {major} and the server is PostgreSQL {server}: pg_dump cannot "
            f"dump a newer server. Install pg_dump {server} or later ({INSTALL_HINT})."
        )
    target = folder / FILE
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        exported = cursor.fetchone()[0]
        command = [pg_dump, "--format=custom", f"--snapshot={exported}", f"--file={target}"]
        dump = subprocess.Popen(command, env=client_environment(), stderr=subprocess.PIPE)  # noqa: S603
        try:
            present = set(connection.introspection.table_names(cursor))
            wanted = {n: k for n, k in tables.model_tables().items() if n in present}
            sums = tables.sum_tables(cursor, wanted, connection.ops.quote_name, on_table)
            schema = schema_of(cursor, connection.ops.quote_name)
        finally:
            _, errors = dump.communicate()  # the snapshot lives as long as this transaction
    if dump.returncode:
        raise BackupError(f"pg_dump failed: {errors.decode(errors='replace').strip()}")
    entry = {
        "file": FILE, "bytes": target.stat().st_size, "sha256": file_sha256(target),
        "pg_dump": major, "server": server,
    }  # fmt: skip
    return entry, sums, schema


def prepare_target() -> None:
    """Nothing to make: the empty database must exist already (``createdb``)."""


def restore(
    folder: Path,
    manifest: dict[str, Any],
    check: Callable[[dict[str, tables.TableSum]], None],
    on_table: Callable[[str], None],
) -> dict[str, tables.TableSum]:
    """Load the dump in one transaction (all or nothing), then ``check`` the tables' sums."""
    pg_restore, major = program("pg_restore")
    made_by = manifest["database"].get("pg_dump", 0)
    if major < made_by:
        raise BackupError(
            f"This backup was dumped by pg_dump {made_by}; pg_restore {major} cannot read it. "
            f"Install pg_restore {made_by} or later ({INSTALL_HINT})."
        )
    command = [
        pg_restore, "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges",
        f"--dbname={connection.settings_dict['NAME']}", str(folder / FILE),
    ]  # fmt: skip
    connection.close()
    run = subprocess.run(command, env=client_environment(), capture_output=True, check=False)  # noqa: S603
    if run.returncode:
        raise BackupError(
            f"pg_restore failed, nothing was restored: {run.stderr.decode(errors='replace')}"
        )
    wanted = {name: table["key"] for name, table in manifest["tables"].items()}
    with connection.cursor() as cursor:
        sums = tables.sum_tables(cursor, wanted, connection.ops.quote_name, on_table)
    check(sums)
    return sums


def program(name: str) -> tuple[str, int]:
    """The path of a PostgreSQL client program and its major version, or a clear refusal."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} was not found on PATH: {INSTALL_HINT}.")
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)  # noqa: S603
    found = re.search(r"\)\s*(\d+)", output.stdout)
    if not found:
        raise BackupError(f"{path} --version said {output.stdout!r}: not a version we can read.")
    return path, int(found[1])


def client_environment() -> dict[str, str]:
    """PG* variables naming the site's database, so no password shows in a process list."""
    db = connection.settings_dict
    pairs = {
        "PGHOST": db.get("HOST"), "PGPORT": db.get("PORT"), "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"), "PGDATABASE": db.get("NAME"),
        "PGSSLMODE": (db.get("OPTIONS") or {}).get("sslmode"),
    }  # fmt: skip
    return {**os.environ, **{key: str(value) for key, value in pairs.items() if value}}
