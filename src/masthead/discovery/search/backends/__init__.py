"""Search backends, chosen in settings like Django's ``CACHES``.

``settings.MASTHEAD_SEARCH`` names backends; ``"default"`` is the one the site uses::

    MASTHEAD_SEARCH = {
        "default": {"BACKEND": "masthead.discovery.search.backends.Auto"},
    }

``Auto`` picks ``SQLiteFTS5`` or ``PostgresFullText`` by the database in use; name one
of them (or a subclass of ``SearchBackend`` of your own) to choose. ``OPTIONS``, when
given, are passed to the backend's constructor.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.module_loading import import_string

from masthead.articles.models import Article
from masthead.discovery.search.backends.base import Hit, Rebuilt, SearchBackend, SearchPage
from masthead.discovery.search.backends.postgres import PostgresFullText
from masthead.discovery.search.backends.sqlite import SQLiteFTS5
from masthead.discovery.search.query import SearchQuery

__all__ = [
    "Auto",
    "Hit",
    "PostgresFullText",
    "Rebuilt",
    "SQLiteFTS5",
    "SearchBackend",
    "SearchPage",
    "get_backend",
]

BY_VENDOR: dict[str, type[SearchBackend]] = {
    "sqlite": SQLiteFTS5,
    "postgresql": PostgresFullText,
}


class Auto(SearchBackend):
    """The backend made for the database in use: FTS5 on SQLite, tsvector on PostgreSQL."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        try:
            self.engine = BY_VENDOR[connection.vendor](**options)
        except KeyError:
            raise ImproperlyConfigured(
                f"Masthead's search has no backend for {connection.vendor}; "
                "use SQLite or PostgreSQL."
            ) from None

    def search(self, query: SearchQuery) -> SearchPage:
        return self.engine.search(query)

    def index(self, article: Article | int) -> None:
        self.engine.index(article)

    def remove(self, article_id: int) -> None:
        self.engine.remove(article_id)

    def store(self, entries: list[Any]) -> None:
        self.engine.store(entries)

    def optimize(self) -> None:
        self.engine.optimize()


def get_backend(alias: str = "default") -> SearchBackend:
    """The configured search backend called ``alias``."""
    config: dict[str, Any] = settings.MASTHEAD_SEARCH[alias]
    backend_class: type[SearchBackend] = import_string(config["BACKEND"])
    options: dict[str, Any] = config.get("OPTIONS", {})
    return backend_class(**options)
