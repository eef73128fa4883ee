"""Shared fixtures: a clean cache and media folder per test, and a small newsroom."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from masthead.core import clock
from tests import factories


def pytest_collection_modifyitems(config: Any, items: list[pytest.Item]) -> None:
    """Tests marked ``semantic`` need the semantic extra: skipped without it, except in CI.

    CI installs the extra (``make install-semantic``), so there a missing package is a
    failure, never a quiet skip.
    """
    from masthead.discovery.related.semantic import model

    missing = model.missing()
    if not missing or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(
        reason=f"needs the semantic extra ({', '.join(missing)} missing): make install-semantic"
    )
    for item in items:
        if "semantic" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Any) -> Iterator[None]:
    """Each test gets its own data and media folders, an empty cache and no page cache."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


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
