"""A story's revisions: the full snapshot every save stores."""

from __future__ import annotations

from typing import Any

from masthead.articles.models import Article, ArticleAuthor, Revision, Tag


def snapshot(*, article: Article, by: Any = None) -> Revision:
    """Store what ``article`` is now, after a save, as a new revision."""
    return Revision.objects.create(
        article=article,
        by=by,
        version=article.version,
        title=article.title,
        dek=article.dek,
        body=article.body,
        status=article.status,
        published=article.is_visible,
        data=_relations(article),
    )


def _relations(article: Article) -> dict[str, Any]:
    """What the words columns do not hold, by id and by name."""
    return {
        "slug": article.slug,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "category": [article.category_id, str(article.category)] if article.category_id else None,
        # Fresh queries: a prefetched byline or tag list may predate this save.
        "tags": [[t.pk, t.name] for t in Tag.objects.filter(articles=article).order_by("pk")],
        "authors": [
            [link.author_id, link.author.name]
            for link in ArticleAuthor.objects.filter(article=article).select_related("author")
        ],
    }
