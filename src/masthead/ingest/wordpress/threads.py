"""A post's WordPress comments, with their threads, through the comments services."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.utils import timezone

from masthead.articles.models import Article
from masthead.comments import services
from masthead.comments.models import Comment
from masthead.comments.moderation import Moderator
from masthead.core.text import plain_text
from masthead.ingest.wordpress.dates import first_date
from masthead.ingest.wordpress.ledger import Kind, Ledger
from masthead.ingest.wordpress.records import WpComment, WpItem
from masthead.ingest.wordpress.report import Summary

STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "post-trashed": Comment.Status.TRASH,
}
MAX_BODY = 10_000


def parents_first(comments: Iterable[WpComment]) -> list[WpComment]:
    """The comments ordered so each comes after its parent (when its parent is there)."""
    pending = sorted(comments, key=lambda c: c.wp_id)
    ids = {c.wp_id for c in pending}
    done: set[int] = set()
    ordered: list[WpComment] = []
    while pending:
        ready = [c for c in pending if c.parent_id in done or c.parent_id not in ids]
        if not ready:  # a cycle: break it at the oldest
            ready = pending[:1]
        ordered += ready
        done |= {c.wp_id for c in ready}
        pending = [c for c in pending if c.wp_id not in done]
    return ordered


def import_comments(
    item: WpItem, article: Article, *, ledger: Ledger, summary: Summary,
    max_depth: int | None = None,
) -> None:  # fmt: skip
    """Store ``item``'s comments on ``article``, threads kept as deep as the site allows.

    New comments are inserted a generation at a time (a reply after its parent), in
    one statement each; a comment an earlier run stored is updated in place.
    """
    if max_depth is None:
        max_depth = Moderator.current().max_depth
    stored: dict[int, Comment] = {}
    fresh: list[Comment] = []
    rows = ledger.rows(Kind.COMMENT, [c.wp_id for c in item.comments])
    known = Comment.objects.in_bulk([r.object_id for r in rows.values() if r.object_id])
    for record in parents_first(item.comments):
        problem = _unusable(record)
        if problem:
            summary.count("comment", "skipped")
            summary.problem("comment", _label(record, item), item.position, problem, "skipped")
            continue
        parent = _parent(record, stored, ledger=ledger, summary=summary, item=item)
        parent = _within_depth(parent, max_depth, record, item=item, summary=summary)
        if parent is not None and parent.pk is None:
            services.import_comments_in_bulk(comments=fresh)
            fresh = []
        row = rows.get(str(record.wp_id))
        existing = known.get(row.object_id) if row and row.object_id else None
        fields: dict[str, Any] = dict(
            article=article, comment=existing, parent=parent,
            name=record.author or "Anonymous", email=record.email, url=record.url,
            body=_body(record, item, summary), status=_status(record, item, summary),
            created_at=_when(record, article, item, summary), ip_address=_ip(record.ip),
        )  # fmt: skip
        if existing:
            stored[record.wp_id] = services.import_comment(**fields)
        else:
            stored[record.wp_id] = services.imported_comment(**fields)
            fresh.append(stored[record.wp_id])
        summary.count("comment", "updated" if existing else "created")
    services.import_comments_in_bulk(comments=fresh)
    ledger.record_many(Kind.COMMENT, {wp_id: c.pk for wp_id, c in stored.items()})


def _label(record: WpComment, item: WpItem) -> str:
    return f"comment {record.wp_id} by {record.author or 'anonymous'} on «{item.label}»"


def _unusable(record: WpComment) -> str:
    if record.type in ("pingback", "trackback"):
        return f"a {record.type}, not a reader's comment"
    if not plain_text(record.content):
        return "no text"
    return ""


def _parent(
    record: WpComment, stored: dict[int, Comment], *, ledger: Ledger, summary: Summary,
    item: WpItem,
) -> Comment | None:  # fmt: skip
    if not record.parent_id:
        return None
    if record.parent_id in stored:
        return stored[record.parent_id]
    summary.problem(
        "comment", _label(record, item), item.position,
        f"replies to comment {record.parent_id}, which is not there; shown as a comment "
        "on the article", "repaired",
    )  # fmt: skip
    return None


def _within_depth(
    parent: Comment | None, max_depth: int, record: WpComment, *, item: WpItem, summary: Summary
) -> Comment | None:
    if parent is None or parent.depth + 1 < max_depth:
        return parent
    summary.problem(
        "comment", _label(record, item), item.position,
        f"nested deeper than the site's {max_depth} reply levels; attached higher up",
        "repaired",
    )  # fmt: skip
    while parent is not None and parent.depth + 1 >= max_depth:
        parent = parent.parent
    return parent


def _body(record: WpComment, item: WpItem, summary: Summary) -> str:
    body = plain_text(record.content, paragraphs=True)
    if len(body) > MAX_BODY:
        summary.problem(
            "comment", _label(record, item), item.position,
            f"longer than {MAX_BODY:,} characters; cut", "repaired",
        )  # fmt: skip
        body = body[: MAX_BODY - 1] + "…"
    return body


def _status(record: WpComment, item: WpItem, summary: Summary) -> str:
    status = STATUSES.get(record.approved.lower())
    if status is None:
        summary.problem(
            "comment", _label(record, item), item.position,
            f"unknown status {record.approved!r}; held for moderation", "repaired",
        )  # fmt: skip
        return Comment.Status.PENDING
    return status


def _when(record: WpComment, article: Article, item: WpItem, summary: Summary) -> datetime:
    found = first_date(record.date_gmt, record.date, "", timezone.get_current_timezone())
    if found is None:
        summary.problem(
            "comment", _label(record, item), item.position,
            "no valid date; dated like its article", "repaired",
        )  # fmt: skip
        return article.published_at or article.created_at
    return found


def _ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None
