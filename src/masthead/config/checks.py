"""System checks: setup problems found at start-up, each with a stable id and a hint."""

from __future__ import annotations

import os
import sqlite3
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register
from django.utils.module_loading import import_string

SQLITE_MINIMUM = (3, 31, 0)


@register()
def data_folder_writable(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """masthead.E001: the data folder must be writable (database, media, secret key)."""
    folder = settings.DATA_DIR
    probe = folder if folder.exists() else folder.parent
    if probe.exists() and not os.access(probe, os.W_OK):
        return [
            Error(
                f"The data folder {folder} is not writable.",
                hint="Give the user running Masthead write access, or choose another folder "
                "with --data DIR or MASTHEAD_DATA.",
                id="masthead.E001",
            )
        ]
    return []


@register()
def sqlite_new_enough(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """masthead.W001: SQLite must be new enough for window functions and JSON."""
    engine = str(settings.DATABASES["default"]["ENGINE"])
    if engine.endswith("sqlite3") and sqlite3.sqlite_version_info < SQLITE_MINIMUM:
        return [
            Warning(
                f"SQLite {sqlite3.sqlite_version} is older than "
                f"{'.'.join(map(str, SQLITE_MINIMUM))}; the front page needs window functions.",
                hint="Use a Python built with a newer SQLite, or PostgreSQL via DATABASE_URL.",
                id="masthead.W001",
            )
        ]
    return []


def sqlite_has_fts5() -> bool:
    """Whether the SQLite that Python links has the FTS5 full-text extension."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True


@register()
def search_index_available(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """masthead.W003: search on SQLite needs FTS5."""
    engine = str(settings.DATABASES["default"]["ENGINE"])
    backend = str(settings.MASTHEAD_SEARCH["default"]["BACKEND"])
    on_fts5 = engine.endswith("sqlite3") and backend.endswith((".Auto", ".SQLiteFTS5"))
    if on_fts5 and not sqlite_has_fts5():
        return [
            Warning(
                f"SQLite {sqlite3.sqlite_version} has no FTS5, so the search page "
                "cannot work and the search index was not created.",
                hint="Use a Python built with FTS5 (most are), then run `masthead "
                "migrate discovery 0001`, `masthead migrate` and `masthead search "
                "rebuild`; or use PostgreSQL via DATABASE_URL.",
                id="masthead.W003",
            )
        ]
    return []


@register()
def related_extras_installed(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """masthead.E002: a related-posts backend's optional packages must be installed."""
    errors: list[CheckMessage] = []
    for alias, config in settings.MASTHEAD_RELATED.items():
        backend = import_string(config["BACKEND"])
        if missing := backend.missing_packages():
            install = f'pip install "masthead[{backend.extra}]"'
            errors.append(
                Error(
                    f"The related-posts backend {alias!r} ({backend.__name__}) needs "
                    f"{', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} "
                    "not installed.",
                    hint=f"Install the {backend.extra} extra: {install} (or choose another "
                    "engine, e.g. MASTHEAD_RELATED_ENGINE=content).",
                    id="masthead.E002",
                )
            )
    return errors


@register(deploy=True)
def production_ready(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """masthead.W002: several machines must share one cache (Redis)."""
    backend = str(settings.CACHES["default"]["BACKEND"])
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is in-process memory. On one machine that works (workers agree "
                "on purges through a file in the data folder), but app servers on several "
                "machines would not see each other's purges.",
                hint="Behind a load balancer, set CACHE_URL=redis://host:6379/0.",
                id="masthead.W002",
            )
        ]
    return []
