"""Shared fixtures: a clean cache and media folder per test, and a small newsroom."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.test import override_settings

from masthead.caching import store
from masthead.core import clock
from tests import factories, workers

# axe-core, the accessibility rules the browser tests run, comes from npm (make install-js).
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


# What a test asks for when it reads or writes the database (pytest-django's fixtures).
DATABASE_FIXTURES = frozenset({
    "db", "transactional_db", "live_server", "django_db_reset_sequences",
    "django_db_serialized_rollback",
})  # fmt: skip


def pytest_addoption(parser: Any) -> None:
    parser.addoption(
        "--database-pass",
        action="store_true",
        help="run only what another database or cache can change: tests that use the "
        "database, less those marked `presentation` (CI's PostgreSQL pass)",
    )


def pytest_collection_modifyitems(config: Any, items: list[pytest.Item]) -> None:
    if config.getoption("database_pass"):
        leave_out_what_no_database_changes(config, items)
    skip_what_needs_a_missing_install(items)


def uses_the_database(item: pytest.Item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(fixtures & DATABASE_FIXTURES) or item.get_closest_marker("django_db") is not None


def leave_out_what_no_database_changes(config: Any, items: list[pytest.Item]) -> None:
    """Keep the tests a second database (and cache) could make pass or fail.

    CI runs every test on SQLite, then again on PostgreSQL with Redis. A test that never
    touches the database, or that checks what a browser or validator makes of a page
    (``presentation``: the same HTML, CSS and scripts whichever database filled it), would
    only repeat its first result, at the cost of minutes of CI.
    """
    kept, left = [], []
    for item in items:
        same = not uses_the_database(item) or item.get_closest_marker("presentation")
        (left if same else kept).append(item)
    config.hook.pytest_deselected(items=left)
    items[:] = kept


def skip_what_needs_a_missing_install(items: list[pytest.Item]) -> None:
    """Marked tests need an optional install: skipped without it, except in CI.

    ``semantic`` needs the semantic extra, ``axe`` needs axe-core from npm. CI installs
    both (``make install-semantic``, ``make install-js``), so there a missing package is
    a failure, never a quiet skip.
    """
    if os.environ.get("CI"):
        return
    from masthead.discovery.related.semantic import model

    reasons = {}
    if missing := model.missing():
        reasons["semantic"] = (
            f"needs the semantic extra ({', '.join(missing)} missing): make install-semantic"
        )
    if not AXE.exists():
        reasons["axe"] = f"needs axe-core from npm ({AXE} missing): make install-js"
    for marker, reason in reasons.items():
        for item in items:
            if marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


def need_program(path: str | None, what: str) -> str:
    """``path`` if the program is there; else skip (fail under CI, which installs it).

    Like the ``semantic`` and ``axe`` markers: a newcomer's ``make test`` passes with
    only Python, git and make, and CI never quietly skips the browser or the validator.
    """
    if path and Path(path).exists():
        return path
    message = f"needs {what}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True, scope="session")
def _worker_cache() -> Iterator[None]:
    """Under pytest-xdist, each worker has a cache of its own (tests/workers.py says why)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    own = workers.own_cache(django_settings.CACHES["default"], worker)
    with override_settings(CACHES={**django_settings.CACHES, "default": own}):
        yield


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Any, request: Any) -> Iterator[None]:
    """Each test gets its own data and media folders, an empty cache and no page cache."""
    from masthead.articles import rail  # models load once Django is set up
    from masthead.articles.models import Article

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    store.reset()
    rail.newest.forget()

    # A test's transaction never commits, so the purge that refreshes the newest stories
    # after each change (caching/purge.py) never runs: a saved row forgets them at once,
    # but in tests marked ``own_rail``, which prove the refresh itself.
    def forget_newest(**kwargs: Any) -> None:
        rail.newest.forget()

    # (No receiver of deletes for every model: it would turn off Django's fast deletes.)
    if request.node.get_closest_marker("own_rail") is None:
        post_save.connect(forget_newest, weak=False, dispatch_uid="tests-forget-newest")
        post_delete.connect(
            forget_newest, sender=Article, weak=False, dispatch_uid="tests-forget-newest"
        )
    yield
    post_save.disconnect(dispatch_uid="tests-forget-newest")
    post_delete.disconnect(sender=Article, dispatch_uid="tests-forget-newest")
    cache.clear()
    store.reset()
    rail.newest.forget()


@pytest.fixture
def newsroom(db: Any) -> dict[str, Any]:
    """A small site: sections, authors, tags, a source and published stories."""
    return factories.newsroom()


def soup(response: Any) -> BeautifulSoup:
    """Parse a test-client response's HTML."""
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(tag: Any) -> str:
    """The element's text with runs of whitespace folded to one space."""
    return " ".join(tag.get_text(" ").split())


def edit_site(**fields: Any) -> None:
    """Change the site settings row the way an editor would (through ``save``)."""
    from masthead.articles.models import SiteSettings

    row = SiteSettings.objects.get()
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()


def ago(**delta: float) -> Any:
    """An aware datetime ``delta`` before now."""
    return clock.now() - timedelta(**delta)


@pytest.fixture
def travel(settings: Any, monkeypatch: Any) -> Any:
    """Turn the page cache on and return ``travel(seconds)``, which moves every clock forward.

    Both the newsroom's clock and ``time.time`` (which the cache's expiry uses) move, so a
    cached page ages exactly as it would in production.
    """
    settings.PAGE_CACHE_SECONDS = 300
    start, real_time = clock.now(), time.time()

    def travel(seconds: float) -> None:
        monkeypatch.setattr(clock, "now", lambda: start + timedelta(seconds=seconds))
        monkeypatch.setattr(time, "time", lambda: real_time + seconds)

    travel(0)
    return travel
