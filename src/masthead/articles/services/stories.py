"""Stories: saving, the workflow's moves (review, publish, unpublish, trash), the byline.

Every save of an article goes through ``save_article``: the newsroom's rules are asked
there, the version is checked, Markdown is rendered and sanitized, slugs are made unique
per day, a revision is stored and the signals in ``signals.py`` are sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from masthead.articles import revisions, signals
from masthead.articles.models import Article, ArticleAuthor, Author, Tag
from masthead.articles.policy import rules
from masthead.core import clock, markdown
from masthead.core.slugs import make_slug, unique_slug
from masthead.core.text import plain_text

Status = Article.Status
_WORDS = ("title", "dek", "body")


class NotAllowed(PermissionDenied):
    """The user may not do this to this story; ``str(exc)`` tells them why."""


class EditConflict(Exception):
    """The story was saved by someone else since the version this save started from."""

    def __init__(self, *, article: Article, expected: int, current: int):
        super().__init__(
            f"This story was saved again since you opened it (version {expected}, "
            f"now {current}): nothing of yours was overwritten."
        )
        self.article, self.expected, self.current = article, expected, current


@transaction.atomic
def save_article(
    *,
    article: Article,
    by: Any = None,
    authors: Iterable[Author] | None = None,
    tags: Iterable[Tag] | None = None,
    revision: bool = True,
    expected_version: int | None = None,
) -> Article:
    """Save ``article``: rules, version, render, slug, date, byline, tags, revision, signals.

    ``by`` is the user saving (None for the system: imports, the wire); the newsroom's
    rules (``policy.rules``) are asked first and a refusal raises ``NotAllowed``.
    ``expected_version``, when given, is the version the editor started from: if the
    story was saved since, ``EditConflict`` is raised and nothing is written.
    ``authors`` and ``tags``, when given, replace the current ones (byline in the order
    given). Form validation happens before this call; this function keeps the derived
    fields and the side effects right.
    """
    before = _previous_state(article)
    _check_allowed(article, by, before)
    _take_version(article, before, expected_version)
    render_article(article)
    _settle_publication(article, before)
    if before and before["was_public"] and any(before[f] != getattr(article, f) for f in _WORDS):
        article.content_updated_at = clock.now()
    was = before["status"] if before else None
    if was != article.status:
        article.status_changed_at, article.status_changed_by = clock.now(), _user(by)
    if before is None and article.created_by_id is None:
        article.created_by = _user(by)
    article.save()
    if authors is not None:
        set_byline(article=article, authors=authors, new=before is None)
    if tags is not None and before is None:
        article.tags.add(*tags)  # a new story has none to compare with or take away
    elif tags is not None:
        article.tags.set(list(tags))
    if revision:
        revisions.snapshot(article=article, by=_user(by))
    if was != article.status:
        signals.article_status_changed.send(sender=Article, article=article, by=by, was=was)
    _announce_move(article, by=by, before=before)
    _announce(article, by=by, was_published=was == Status.PUBLISHED)
    return article


def submit_for_review(*, article: Article, by: Any = None) -> Article:
    """Send a draft to the editors' review queue."""
    article.status = Status.REVIEW
    return save_article(article=article, by=by)


def return_to_draft(*, article: Article, by: Any = None) -> Article:
    """Take a story back to draft: from review (to work on it more) or out of the trash."""
    article.status = Status.DRAFT
    return save_article(article=article, by=by)


def publish_article(*, article: Article, by: Any = None, at: datetime | None = None) -> Article:
    """Publish ``article`` now, or schedule it for ``at``."""
    article.status = Status.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = clock.now()
    return save_article(article=article, by=by)


def unpublish_article(*, article: Article, by: Any = None) -> Article:
    """Take ``article`` off the site; its URL date is kept for when it comes back."""
    article.status = Status.UNPUBLISHED
    return save_article(article=article, by=by)


def trash_article(*, article: Article, by: Any = None) -> Article:
    """Move ``article`` to the trash: invisible everywhere, restorable by an editor."""
    article.status = Status.TRASH
    return save_article(article=article, by=by)


@transaction.atomic
def set_byline(*, article: Article, authors: Iterable[Author], new: bool = False) -> None:
    """Make the byline of ``article`` ``authors``, in that order.

    Names that stay keep their rows (only their positions change), so a form opened
    before this save still names the same rows. A ``new`` story has none to read.
    """
    wanted = [author.pk for author in dict.fromkeys(authors)]
    stored = ArticleAuthor.objects.none() if new else ArticleAuthor.objects.filter(article=article)
    links = {link.author_id: link for link in stored}
    gone = [link.pk for author, link in links.items() if author not in wanted]
    if gone:
        ArticleAuthor.objects.filter(pk__in=gone).delete()
    moved = []
    for position, author in enumerate(wanted):
        link = links.get(author)
        if link is not None and link.position != position:
            link.position = position
            moved.append(link)
    ArticleAuthor.objects.bulk_update(moved, ["position"])
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author_id=author, position=position)
        for position, author in enumerate(wanted)
        if author not in links
    )


def render_article(article: Article) -> None:
    """Fill the derived text fields of ``article`` from its Markdown (no save)."""
    article.body_html = markdown.render(article.body)
    text = plain_text(article.body_html)
    article.excerpt = markdown.excerpt(article.dek or text)
    article.word_count = markdown.word_count(text)
    article.reading_minutes = markdown.reading_minutes(text)


def _user(by: Any) -> Any:
    """``by`` when it is a signed-in user (a foreign key can point at it), else None."""
    return by if getattr(by, "is_authenticated", False) and getattr(by, "pk", None) else None


def _check_allowed(article: Article, by: Any, before: dict[str, Any] | None) -> None:
    refusal = rules.refusal(
        by,
        article,
        was=before["status"] if before else None,
        now=article.status,
        was_published_at=before["published_at"] if before else None,
    )
    if refusal:
        raise NotAllowed(refusal)


def _take_version(article: Article, before: dict[str, Any] | None, expected: int | None) -> None:
    """Raise the stored version by one, or raise ``EditConflict`` if it is not ``expected``.

    The raise is a conditional UPDATE, so of two saves from the same version only the
    first gets through, even when both read the row before either wrote.
    """
    if before is None:
        article.version = 1
        return
    start = before["version"] if expected is None else expected
    if not Article.objects.filter(pk=article.pk, version=start).update(version=start + 1):
        current = Article.objects.filter(pk=article.pk).values_list("version", flat=True).first()
        raise EditConflict(article=article, expected=start, current=current or 0)
    article.version = start + 1


def _previous_state(article: Article) -> dict[str, Any] | None:
    if article.pk is None:
        return None
    fields = (*_WORDS, "status", "published_at", "version", "slug", "pub_date")
    row = Article.objects.filter(pk=article.pk).values(*fields).first()
    if row is None:
        return None
    row["was_public"] = row["status"] == Status.PUBLISHED and (
        row["published_at"] is not None and row["published_at"] <= clock.now()
    )
    return row


def _settle_publication(article: Article, before: dict[str, Any] | None) -> None:
    """Give a published article its time, day and a slug free on that day.

    Until a story is first published its slug follows its headline, unless someone
    typed one of their own; after that the slug stays, and a changed one is a move.
    """
    never_published = before is None or before["pub_date"] is None
    if not article.slug or (
        never_published and before is not None and article.slug == make_slug(before["title"])
    ):
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


def _announce_move(article: Article, *, by: Any, before: dict[str, Any] | None) -> None:
    """Say where a story that has been published lived, when its address changed."""
    if before is None or before["pub_date"] is None:
        return
    if (before["pub_date"], before["slug"]) != (article.pub_date, article.slug):
        old = Article(slug=before["slug"], pub_date=before["pub_date"]).get_absolute_url()
        signals.article_moved.send(sender=Article, article=article, by=by, old_url=old)


def _announce(article: Article, *, by: Any, was_published: bool) -> None:
    is_published = article.status == Status.PUBLISHED
    if is_published and not was_published:
        signals.article_published.send(sender=Article, article=article, by=by)
    elif is_published:
        signals.article_changed.send(sender=Article, article=article, by=by)
    elif was_published:
        signals.article_unpublished.send(sender=Article, article=article, by=by)
