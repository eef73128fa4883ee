"""The search index's tables (see discovery.search).

``SearchEntry`` holds one row per published (or scheduled) article: the words to search,
already segmented (``discovery.search.text``), and the few columns the filters need, so a
search never reads the article table until it shows the page. On SQLite an FTS5 table
indexes these rows (kept in step by triggers, see migration 0002); on PostgreSQL the
``vector`` column, with a GIN index, does.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models

__all__ = ["SearchEntry", "SearchRebuild"]


class SearchEntry(models.Model):
    """What the search index knows about one visible or scheduled article."""

    # Filter columns first: SQLite reads them without touching the long texts after them.
    article = models.OneToOneField(
        "articles.Article", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # The publication second and the article id in one sortable number (``stamp()``): the
    # rowid SQLite's FTS5 table knows each row by, so "visible now", date ranges and
    # "newest first" are rowid ranges and rowid order inside the full-text index itself.
    stamp = models.BigIntegerField(unique=True)
    published_at = models.DateTimeField()
    pub_date = models.DateField()
    category = models.ForeignKey(
        "articles.Category", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # Segmented text: CJK words separated by spaces, so both databases' parsers see words.
    title = models.TextField()
    dek = models.TextField(blank=True)
    tags = models.TextField(blank=True)
    authors = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Overlapping CJK character pairs, so any part of a Chinese or Japanese word is found.
    grams = models.TextField(blank=True)
    # PostgreSQL only: the weighted tsvector (title A; dek, tags, authors B; body C; grams D).
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return f"search entry {self.article_id}"


class SearchRebuild(models.Model):
    """Where an interrupted ``masthead search rebuild`` stopped (one row while it runs)."""

    started_at = models.DateTimeField()
    last_article_id = models.BigIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return (
            f"rebuild started {self.started_at:%Y-%m-%d %H:%M}, at article {self.last_article_id}"
        )
