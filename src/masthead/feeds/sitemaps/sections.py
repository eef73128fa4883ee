"""The sections of ``/sitemap.xml``: the front page, stories, sections, tags and authors.

Only what a reader can see is listed: visible stories (``Article.objects.published()``)
and the archives that show at least one of them. Each section reads its page in a
fixed number of queries, whatever its size, and never loads a story's body.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.db.models import F, Max, QuerySet, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from masthead.articles.models import Article, Category
from masthead.articles.renditions import LARGE
from masthead.feeds.sitemaps.base import Section, whole_seconds

# What a story's sitemap entry needs: its URL parts, its dates and its picture's files.
ARTICLE_FIELDS = (
    "slug",
    "pub_date",
    "published_at",
    "content_updated_at",
    "featured_image",
    "featured_image__file",
    "featured_image__renditions",
)


def visible_articles() -> QuerySet[Article]:
    """The stories a reader may see now, in a stable order: oldest first.

    Oldest first, so a new story lands on the last page and earlier pages (and their
    ``<lastmod>``) change only when one of their own stories does.
    """
    return Article.objects.published().order_by("published_at", "pk")


class FrontSitemap(Section):
    """The front page, changed whenever a story is published."""

    def items(self) -> list[str]:
        return ["articles:home"]

    def location(self, item: str) -> str:
        return reverse(item)

    def lastmod(self, item: str) -> datetime | None:
        return whole_seconds(
            Article.objects.published().aggregate(Max("published_at"))["published_at__max"]
        )


class ArticleSitemap(Section):
    """Every visible story, with its featured picture."""

    def items(self) -> QuerySet[Article]:
        return visible_articles().select_related("featured_image").only(*ARTICLE_FIELDS)

    def lastmod(self, article: Article) -> datetime | None:
        return whole_seconds(article.content_updated_at or article.published_at)

    def lastmods(self) -> Iterable[datetime | None]:
        changed = Coalesce("content_updated_at", "published_at")
        return map(whole_seconds, visible_articles().values_list(changed, flat=True))

    def page_lastmods(self) -> list[datetime | None]:
        """The newest change on each page, found by the database: one row a page.

        Reading every story's date into Python took 1.8 s of the index's time at 100,000
        stories on PostgreSQL (docs/benchmarks.md); here the database numbers the stories
        in the sitemap's order and returns each page's newest date.
        """
        numbered = visible_articles().annotate(
            changed_at=Coalesce("content_updated_at", "published_at"),
            row_number=Window(RowNumber(), order_by=[F("published_at").asc(), F("pk").asc()]),
        )
        sql, params = numbered.values("changed_at", "row_number").query.sql_with_params()
        changed, row = (connection.ops.quote_name(n) for n in ("changed_at", "row_number"))
        page = f"({row} - 1) / %s"
        with connection.cursor() as cursor:
            # Only Django's own SQL goes in; every value stays a parameter.
            cursor.execute(
                f"SELECT MAX({changed}) FROM ({sql}) numbered GROUP BY {page} ORDER BY {page}",  # noqa: S608
                [*params, self.limit, self.limit],
            )
            return [whole_seconds(_as_datetime(value)) for (value,) in cursor.fetchall()]

    def images(self, article: Article) -> Sequence[str]:
        picture = article.featured_image
        return [picture.url_for(LARGE)] if picture else []


def _as_datetime(value: datetime | str | None) -> datetime | None:
    """A date from raw SQL: PostgreSQL's as it is, SQLite's text as an aware UTC time."""
    if not isinstance(value, str):
        return value
    moment = parse_datetime(value)
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


class ArchiveSitemap(Section):
    """Archive pages (a tag's, an author's) dated by their newest visible story.

    Subclasses name the ``relation`` from a story to the archive's subject and the
    ``url_name`` of its page. Items are ``(id, slug, newest)`` rows, read from the
    stories' side so that ``published()`` stays the one gate: joining from the
    subject's side through an ``IN (visible stories)`` takes three times as long.
    """

    relation: str
    url_name: str

    def items(self) -> QuerySet[Any]:
        subject = self.relation
        return (
            Article.objects.published()
            .filter(**{f"{subject}__isnull": False})
            .values_list(f"{subject}__id", f"{subject}__slug")
            .annotate(newest=Max("published_at"))
            .order_by(f"{subject}__id")
        )

    def location(self, item: tuple[int, str, datetime]) -> str:
        return reverse(self.url_name, kwargs={"slug": item[1]})

    def lastmod(self, item: tuple[int, str, datetime]) -> datetime | None:
        return whole_seconds(item[2])


class TagSitemap(ArchiveSitemap):
    relation = "tags"
    url_name = "articles:tag"


class AuthorSitemap(ArchiveSitemap):
    relation = "authorships__author"
    url_name = "articles:author"


class CategorySitemap(Section):
    """Sections and subsections; a section's page also shows its subsections' stories."""

    def items(self) -> list[Category]:
        newest: dict[int, datetime] = {}
        rows = (
            Article.objects.published()
            .order_by()
            .values_list("category_id", "category__parent_id")
            .annotate(newest=Max("published_at"))
        )
        for category_id, parent_id, when in rows:
            for pk in (category_id, parent_id):
                if pk is not None and (pk not in newest or newest[pk] < when):
                    newest[pk] = when
        categories = list(Category.objects.filter(pk__in=newest).only("slug").order_by("pk"))
        for category in categories:
            category.newest = newest[category.pk]  # type: ignore[attr-defined]
        return categories

    def lastmod(self, category: Category) -> datetime | None:
        return whole_seconds(category.newest)  # type: ignore[attr-defined]


SECTIONS: dict[str, type[Section]] = {
    "front": FrontSitemap,
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}
