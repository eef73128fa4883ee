"""Starting gunicorn on the project, for ``masthead serve`` and ``masthead demo``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def check_migrated() -> None:
    """Refuse to serve a database that lacks migrations, and say what to run."""
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in pending[:5])
        raise CommandError(
            f"The database has {len(pending)} unapplied migration(s) ({names}…). "
            "Run `masthead migrate` first."
        )


def collect_static() -> None:
    """Copy, hash and compress static files into the data folder.

    It runs in a child process with MASTHEAD_STATIC_MANIFEST=1 so that the manifest
    storage the server will use is the one that writes the files.
    """
    env = {**os.environ, "MASTHEAD_STATIC_MANIFEST": "1", "MASTHEAD_DATA": str(settings.DATA_DIR)}
    subprocess.run(
        [sys.executable, "-m", "masthead.cli", "collectstatic", "--noinput", "--verbosity", "0"],
        env=env,
        check=True,
    )


def gunicorn_environment(workers: int) -> dict[str, str]:
    """The environment for gunicorn's workers."""
    env = dict(os.environ)
    env["MASTHEAD_STATIC_MANIFEST"] = "1"
    env["MASTHEAD_DATA"] = str(settings.DATA_DIR)
    if workers > 1 and not env.get("CACHE_URL"):
        # Workers must share one cache, or a purge in one leaves the others stale.
        env["CACHE_URL"] = f"file://{Path(settings.DATA_DIR) / 'cache'}"
    return env


def exec_gunicorn(*, host: str, port: int, workers: int, extra: list[str] | None = None) -> None:
    """Replace this process with gunicorn serving Masthead."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    args = [
        sys.executable, "-m", "gunicorn", "masthead.config.wsgi:application",
        "--bind", bind, "--workers", str(workers), "--access-logfile", "-",
        "--timeout", "60", "--graceful-timeout", "20", "--max-requests", "5000",
        "--max-requests-jitter", "500", *(extra or []),
    ]  # fmt: skip
    sys.stdout.flush()
    os.execve(sys.executable, args, gunicorn_environment(workers))  # noqa: S606
