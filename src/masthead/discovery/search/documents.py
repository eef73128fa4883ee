"""What the index stores for an article: its words, segmented, and its filter columns."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from masthead.articles.models import Article, ArticleAuthor
from masthead.core.text import plain_text
from masthead.discovery.models import SearchEntry
from masthead.discovery.search.stamps import stamp
from masthead.discovery.search.text import bigrams, clean, segment


def indexable() -> QuerySet[Article]:
    """Articles the index holds: published ones, scheduled included, with tags and byline.

    Scheduled articles are indexed ahead of their time and kept out of results by their
    publication time, so they turn up by themselves when it comes.
    """
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__isnull=False)
        .order_by("pk")
        .prefetch_related(
            "tags",
            Prefetch(
                "authorships",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position"),
            ),
        )
    )


def entry_for(article: Article) -> SearchEntry:
    """The index row for ``article`` (from ``indexable()``, so its relations are prefetched)."""
    assert article.published_at is not None  # indexable() promises it
    tags = " ".join(tag.name for tag in article.tags.all())
    authors = " ".join(link.author.name for link in article.authorships.all())
    body = plain_text(article.body_html)
    fields = {"title": article.title, "dek": article.dek, "tags": tags, "authors": authors}
    return SearchEntry(
        article_id=article.pk,
        stamp=stamp(article.published_at, article.pk),
        published_at=article.published_at,
        pub_date=article.pub_date or article.published_at.date(),
        category_id=article.category_id,
        body=segment(body),
        grams=bigrams(clean(" ".join([*fields.values(), body]))),
        **{name: segment(value) for name, value in fields.items()},
    )


def entries_for(articles: Iterable[Article]) -> list[SearchEntry]:
    """The index rows for ``articles`` (see ``entry_for``)."""
    return [entry_for(article) for article in articles]
