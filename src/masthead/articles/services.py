"""Every change to the newsroom's content goes through these functions.

Views, the admin, the API and the commands all call them, so the same rules hold
everywhere: Markdown is rendered and sanitized here, slugs are made unique per day
here, a revision is stored here, and the signals in ``signals.py`` are sent from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from masthead.articles import signals
from masthead.articles.models import (
    Article,
    ArticleAuthor,
    Author,
    Category,
    Image,
    Page,
    Revision,
    Tag,
)
from masthead.articles.renditions import image_size, make_renditions
from masthead.core import clock, markdown
from masthead.core.slugs import make_slug, unique_slug
from masthead.core.text import plain_text

Status = Article.Status
_WORDS = ("title", "dek", "body")


@transaction.atomic
def save_article(
    *,
    article: Article,
    by: Any = None,
    authors: Iterable[Author] | None = None,
    tags: Iterable[Tag] | None = None,
    revision: bool = True,
) -> Article:
    """Validate-free save of ``article``: render, slug, date, byline, tags, revision, signals.

    ``authors`` and ``tags``, when given, replace the current ones (byline in the order
    given). Form validation happens before this call; this function keeps the derived
    fields and the side effects right.
    """
    before = _previous_state(article)
    render_article(article)
    _settle_publication(article, before)
    if before and before["was_public"] and any(before[f] != getattr(article, f) for f in _WORDS):
        article.content_updated_at = clock.now()
    article.save()
    if authors is not None:
        set_byline(article=article, authors=authors)
    if tags is not None:
        article.tags.set(list(tags))
    if revision:
        Revision.objects.create(
            article=article, by=by, title=article.title, dek=article.dek,
            body=article.body, status=article.status,
        )  # fmt: skip
    _announce(article, by=by, was_published=bool(before and before["status"] == Status.PUBLISHED))
    return article


def publish_article(*, article: Article, by: Any = None, at: datetime | None = None) -> Article:
    """Publish ``article`` now, or schedule it for ``at``."""
    article.status = Status.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = clock.now()
    return save_article(article=article, by=by)


def unpublish_article(*, article: Article, by: Any = None) -> Article:
    """Take ``article`` off the site and back to draft; its URL date is kept."""
    article.status = Status.DRAFT
    return save_article(article=article, by=by)


def trash_article(*, article: Article, by: Any = None) -> Article:
    """Move ``article`` to the trash: invisible everywhere, restorable by an editor."""
    article.status = Status.TRASH
    return save_article(article=article, by=by)


@transaction.atomic
def set_byline(*, article: Article, authors: Iterable[Author]) -> None:
    """Replace the byline of ``article`` with ``authors``, in that order."""
    ArticleAuthor.objects.filter(article=article).delete()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=author, position=i)
        for i, author in enumerate(dict.fromkeys(authors))
    )


def save_author(*, author: Author) -> Author:
    """Save a byline (no account needed) after checking its fields."""
    author.full_clean(exclude=["user", "avatar"])
    author.save()
    return author


def save_category(*, category: Category) -> Category:
    """Save a section after checking its fields and its one level of subsections."""
    category.full_clean()
    category.save()
    return category


def save_tag(*, tag: Tag) -> Tag:
    """Save a tag after checking its fields."""
    tag.full_clean()
    tag.save()
    return tag


# First path segments other pages own: a page there could never be reached.
RESERVED_SLUGS = {
    "admin", "api", "author", "category", "comments", "feed", "healthz", "media", "page",
    "readyz", "search", "sitemap.xml", "static", "tag",
}  # fmt: skip


def save_page(*, page: Page) -> Page:
    """Render and save a static page; its slug is made free among pages and routes."""
    page.body_html = markdown.render(page.body)
    others = Page.objects.exclude(pk=page.pk)
    page.slug = unique_slug(
        page.slug or make_slug(page.title, max_length=100, fallback_prefix="page"),
        taken=lambda s: s in RESERVED_SLUGS or s.isdigit() or others.filter(slug=s).exists(),
        max_length=100,
    )
    page.save()
    return page


def save_image(
    *, file: File[Any], alt_text: str, caption: str = "", credit: str = "", name: str | None = None
) -> Image:
    """Store an image file with its words and make its ``srcset`` renditions."""
    image = Image(alt_text=alt_text, caption=caption, credit=credit)
    image.file.save(name or file.name or "image.jpg", file, save=False)
    image.width, image.height = image_size(str(image.file.name))
    image.renditions = make_renditions(str(image.file.name))
    image.save()
    return image


def refresh_renditions(*, image: Image) -> Image:
    """Make the ``srcset`` renditions of ``image`` again (after its file changed)."""
    image.width, image.height = image_size(str(image.file.name))
    image.renditions = make_renditions(str(image.file.name))
    image.save(update_fields=["width", "height", "renditions"])
    return image


def render_article(article: Article) -> None:
    """Fill the derived text fields of ``article`` from its Markdown (no save)."""
    article.body_html = markdown.render(article.body)
    text = plain_text(article.body_html)
    article.excerpt = markdown.excerpt(article.dek or text)
    article.word_count = markdown.word_count(text)
    article.reading_minutes = markdown.reading_minutes(text)


def _previous_state(article: Article) -> dict[str, Any] | None:
    if article.pk is None:
        return None
    row = Article.objects.filter(pk=article.pk).values(*_WORDS, "status", "published_at").first()
    if row is None:
        return None
    row["was_public"] = row["status"] == Status.PUBLISHED and (
        row["published_at"] is not None and row["published_at"] <= clock.now()
    )
    return row


def _settle_publication(article: Article, before: dict[str, Any] | None) -> None:
    """Give a published article its time, day and a slug free on that day."""
    if not article.slug:
        article.slug = make_slug(article.title)
    if article.status != Status.PUBLISHED and article.pub_date is None:
        return
    if article.published_at is None:
        article.published_at = clock.now()
    article.pub_date = timezone.localdate(article.published_at)
    siblings = Article.objects.filter(pub_date=article.pub_date).exclude(pk=article.pk)
    article.slug = unique_slug(
        article.slug, taken=lambda s: siblings.filter(slug=s).exists(), max_length=100
    )


def _announce(article: Article, *, by: Any, was_published: bool) -> None:
    is_published = article.status == Status.PUBLISHED
    if is_published and not was_published:
        signals.article_published.send(sender=Article, article=article, by=by)
    elif is_published:
        signals.article_changed.send(sender=Article, article=article, by=by)
    elif was_published:
        signals.article_unpublished.send(sender=Article, article=article, by=by)
