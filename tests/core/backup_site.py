"""A site with a row of every kind a backup must keep, and an empty place to restore it into."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection, connections

from masthead.api.services import issue_token
from masthead.articles import revisions
from masthead.backoffice import audit
from masthead.backoffice.models import AuditEntry
from tests import factories

RESTORED = "restored"


def fill_site() -> None:
    """Articles, revisions, comments, images with files, settings, users, tokens, audit."""
    site = factories.newsroom()
    story = site["stories"][0]
    # A transactional test's flush takes the roles' groups (a data migration's) away.
    role, _ = Group.objects.get_or_create(name="Editor")
    role.permissions.add(*Permission.objects.filter(codename__endswith="_article"))
    editor = factories.person("Editor", byline=True)
    admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "long pass!")
    story.featured_image = factories.image(alt="A harbour at dawn")
    story.save()
    revisions.snapshot(article=story, by=editor)
    factories.comment(story, body="Thorough reporting, thank you.")
    factories.comment(story, status="held", author_name="Held Reader")
    issue_token(user=editor, name="wire bot")
    audit.record(action=AuditEntry.Action.PUBLISHED, actor=admin, obj=story, ip="192.0.2.7")


def model_rows(alias: str = "default") -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every model (join tables too), through the ORM, in key order."""
    return {
        model._meta.label: list(model._base_manager.using(alias).order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
    }


def media_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@contextmanager
def empty_target(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment for a ``masthead`` child process on a new data folder and empty database.

    On PostgreSQL the database is made beside the suite's (``<name>_restore_<random>``)
    and dropped afterwards; on SQLite it is the new data folder's own.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    env["MASTHEAD_DATA"] = str(tmp_path / "restored-data")
    if connection.vendor != "postgresql":
        yield env
        return
    source = connection.settings_dict
    name = f"{source['NAME'].removeprefix('test_')}_restore_{uuid.uuid4().hex[:8]}"
    admin = _maintenance(source)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env["DATABASE_URL"] = (
            f"postgres://{source['USER']}:{source['PASSWORD'] or ''}@"
            f"{source['HOST'] or '127.0.0.1'}:{source['PORT'] or 5432}/{name}"
        )
        yield env
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _maintenance(source: dict[str, Any]) -> psycopg.Connection[Any]:
    return psycopg.connect(
        dbname="postgres", user=source["USER"], password=source["PASSWORD"] or None,
        host=source["HOST"] or None, port=source["PORT"] or None, autocommit=True,
    )  # fmt: skip


def masthead(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "masthead.cli", *args],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip


@contextmanager
def restored_alias(env: dict[str, str]) -> Iterator[str]:
    """The restored database as a second connection, so the ORM can read both."""
    settings = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        settings["NAME"] = env["DATABASE_URL"].rsplit("/", 1)[1]
    else:
        settings["NAME"] = str(Path(env["MASTHEAD_DATA"]) / "db.sqlite3")
    # Made here, not named in settings: Django's test cases allow such connections.
    wrapper = type(connections["default"])(settings, RESTORED)
    setattr(connections._connections, RESTORED, wrapper)
    try:
        yield RESTORED
    finally:
        wrapper.close()
        delattr(connections._connections, RESTORED)
