"""Backups of a Masthead site: a consistent database snapshot and the media, and restoring them.

``masthead backup DIR`` writes ``DIR/<timestamp>/``::

    manifest.json      Masthead version, schema, engine, rows and SHA-256 per table and file
    database.sqlite3   SQLite: a copy made with SQLite's online backup API
    database.pgdump    PostgreSQL: pg_dump's custom format, from one exported snapshot
    media/             the uploaded files, each checked against the manifest on restore
    secret_key         the data folder's generated key, when it has one

It is written as ``<timestamp>.partial`` and renamed when complete, so a killed backup
never looks like one. ``masthead restore`` checks every file and the schema first,
restores into an empty database and media folder only, then compares the restored
tables with the manifest. docs/backup.md is the user's guide, and
docs/decisions/0006-backup.md says why it is built this way.
"""
