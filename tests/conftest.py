"""Shared fixtures: a clean cache and media folder per test, and a small newsroom."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from masthead.core import clock
from tests import factories


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
