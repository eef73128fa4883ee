"""Rows and a SHA-256 per table, read with plain SQL so any version of the schema can be read.

The same function reads the live database (PostgreSQL, inside the snapshot pg_dump uses),
the SQLite copy a backup made, and the database a restore produced; a restore is right
when every table of the manifest has the same rows and digest afterwards.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.apps import apps

FETCH = 2000


@dataclass(frozen=True)
class TableSum:
    """A table's row count and the SHA-256 of its rows in key order."""

    rows: int
    sha256: str
    key: str

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "rows": self.rows, "sha256": self.sha256}


def model_tables() -> dict[str, str]:
    """Every table Masthead's models (and Django's) keep, with its primary key column."""
    tables = {"django_migrations": "id"}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables[model._meta.db_table] = str(model._meta.pk.column)
    return dict(sorted(tables.items()))


def sum_tables(
    cursor: Any,
    tables: dict[str, str],
    quote: Callable[[str], str],
    on_table: Callable[[str], None] = lambda name: None,
) -> dict[str, TableSum]:
    """Count and digest each of ``tables`` (name: key column) through a DB-API ``cursor``."""
    sums = {}
    for name, key in tables.items():
        cursor.execute(f"SELECT * FROM {quote(name)} ORDER BY {quote(key)}")  # noqa: S608
        sums[name] = _digest(_rows(cursor), key)
        on_table(name)
    return sums


def _rows(cursor: Any) -> Iterable[tuple[Any, ...]]:
    while batch := cursor.fetchmany(FETCH):
        yield from batch


def _digest(rows: Iterable[tuple[Any, ...]], key: str) -> TableSum:
    digest, count = hashlib.sha256(), 0
    for row in rows:
        # sort_keys: a JSON column read back as a dict spells the same whatever its key order.
        digest.update(json.dumps(row, sort_keys=True, default=_plain).encode() + b"\n")
        count += 1
    return TableSum(rows=count, sha256=digest.hexdigest(), key=key)


def _plain(value: Any) -> Any:
    """A value JSON has no spelling for, in one spelling whichever driver read it."""
    if isinstance(value, memoryview | bytes | bytearray):
        return bytes(value).hex()
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)  # Decimal, timedelta, UUID


def differences(expected: dict[str, dict[str, Any]], found: dict[str, TableSum]) -> list[str]:
    """What differs between the manifest's tables and the restored ones, one line each."""
    problems = []
    for name, want in expected.items():
        got = found.get(name)
        if got is None:
            problems.append(f"{name}: missing after the restore")
        elif got.rows != want["rows"]:
            problems.append(f"{name}: {got.rows:,} rows, the backup has {want['rows']:,}")
        elif got.sha256 != want["sha256"]:
            problems.append(f"{name}: same {got.rows:,} rows but different contents")
    return problems
