"""The search index: ``SearchEntry`` rows, and what each database searches them with.

On SQLite, an FTS5 table over the entries' text (external content: no second copy; its
rowid is the entry's ``stamp``) and the triggers that keep it in step. Django rebuilds a
SQLite table for many ALTERs and drops its triggers on the way: a later migration that
alters ``discovery_searchentry`` must create them again (a test checks they exist).

On PostgreSQL, a GIN index on the weighted tsvector. Neither exists on the other
database, so both are plain SQL run for their vendor only.
"""

# The SQL below is built from this module's own constants, never from input.
# ruff: noqa: S608

from typing import Any

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

COLUMNS = ["title", "dek", "tags", "authors", "body", "grams"]
# bm25 weights, in the order of COLUMNS: title, dek, tags, authors, body, grams.
RANK = "bm25(10.0, 4.0, 5.0, 5.0, 1.0, 1.0)"
FTS = "discovery_search_fts"
ENTRY = "discovery_searchentry"


def _values(prefix: str) -> str:
    return ", ".join(f"{prefix}.{c}" for c in COLUMNS)


SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE {FTS} USING fts5(
        {", ".join(COLUMNS)},
        content='{ENTRY}', content_rowid='stamp',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    f"INSERT INTO {FTS}({FTS}, rank) VALUES ('rank', '{RANK}')",
    f"""CREATE TRIGGER discovery_search_ai AFTER INSERT ON {ENTRY} BEGIN
        INSERT INTO {FTS}(rowid, {", ".join(COLUMNS)}) VALUES (new.stamp, {_values("new")});
    END""",
    f"""CREATE TRIGGER discovery_search_ad AFTER DELETE ON {ENTRY} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, {", ".join(COLUMNS)})
        VALUES ('delete', old.stamp, {_values("old")});
    END""",
    f"""CREATE TRIGGER discovery_search_au AFTER UPDATE OF stamp, {", ".join(COLUMNS)} ON {ENTRY} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, {", ".join(COLUMNS)})
        VALUES ('delete', old.stamp, {_values("old")});
        INSERT INTO {FTS}(rowid, {", ".join(COLUMNS)}) VALUES (new.stamp, {_values("new")});
    END""",
    # Section filters read the stamps of a section's rows from this index alone.
    f"CREATE INDEX discovery_search_section_idx ON {ENTRY} (category_id, stamp)",
]
SQLITE_DROP = [
    "DROP INDEX IF EXISTS discovery_search_section_idx",
    "DROP TRIGGER IF EXISTS discovery_search_ai",
    "DROP TRIGGER IF EXISTS discovery_search_ad",
    "DROP TRIGGER IF EXISTS discovery_search_au",
    f"DROP TABLE IF EXISTS {FTS}",
]
POSTGRES_CREATE = [f"CREATE INDEX discovery_search_vector_idx ON {ENTRY} USING gin (vector)"]
POSTGRES_DROP = ["DROP INDEX IF EXISTS discovery_search_vector_idx"]


def has_fts5(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        try:
            cursor.execute("CREATE VIRTUAL TABLE temp.masthead_fts5_probe USING fts5(x)")
        except Exception:  # no FTS5 in this SQLite: masthead.W003 says so
            return False
        cursor.execute("DROP TABLE temp.masthead_fts5_probe")
    return True


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def create_index(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite" and has_fts5(schema_editor.connection):
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)


def drop_index(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_archive_indexes"),
        ("discovery", "0001_related"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                # Filter columns before the long texts: SQLite reads them without the rest.
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("stamp", models.BigIntegerField(unique=True)),
                ("published_at", models.DateTimeField()),
                ("pub_date", models.DateField()),
                (
                    "category",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="articles.category",
                    ),
                ),
                ("title", models.TextField()),
                ("dek", models.TextField(blank=True)),
                ("tags", models.TextField(blank=True)),
                ("authors", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("grams", models.TextField(blank=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={"verbose_name_plural": "search entries"},
        ),
        migrations.CreateModel(
            name="SearchRebuild",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("started_at", models.DateTimeField()),
                ("last_article_id", models.BigIntegerField(default=0)),
                ("done", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
