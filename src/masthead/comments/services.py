"""Every change to comments goes through these functions.

Views, admin actions, signed email links and commands all call them, so the rules (who
may comment, what is held, what the classifier learns) hold whichever door is used.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet

from masthead.articles.models import Article
from masthead.comments import classifier, throttle
from masthead.comments.models import Comment
from masthead.comments.moderation import Moderator
from masthead.comments.signals import comment_submitted, comments_moderated
from masthead.core import clock

EMPTIED_KEY = "masthead:comments:trash-emptied"

# What a person's choice of status teaches the classifier.
LESSONS: dict[str, str] = {
    Comment.Status.APPROVED: Comment.Lesson.HAM,
    Comment.Status.SPAM: Comment.Lesson.SPAM,
    Comment.Status.PENDING: Comment.Lesson.NONE,
}


class CommentRejected(Exception):
    """A comment that was not stored. ``str(exc)`` is the message for the commenter."""

    field: str | None = None
    status_code = 400


class CommentsClosed(CommentRejected):
    """The article does not take comments (closed, too old, or not visible to readers)."""

    status_code = 403


class BadReply(CommentRejected):
    """The comment replied to is not on this article, not public, or too deep."""


class DuplicateComment(CommentRejected):
    """The same text was already posted on this article."""

    field = "body"


class BadReplyText(CommentRejected):
    """A staff reply with no text, or with more text than a comment may hold."""

    field = "body"


class TooManyComments(CommentRejected):
    """Too many comments from one IP address or email address in a minute."""

    status_code = 429


@transaction.atomic
def submit_comment(
    *,
    article: Article,
    name: str,
    email: str,
    body: str,
    url: str = "",
    parent: Comment | None = None,
    ip_address: str | None = None,
    user_agent: str = "",
    user: Any = None,
) -> Comment:
    """Store a reader's comment with the status the moderation rules give it.

    Raises a ``CommentRejected`` subclass, storing nothing, when the article takes no
    comments, the reply is not allowed, the sender is flooding or repeats themselves.
    """
    moderator = Moderator.current()
    if not moderator.is_open(article, clock.now()):
        raise CommentsClosed("Comments are closed on this article.")
    problem = moderator.reply_problem(article, parent)
    if problem:
        raise BadReply(problem)
    email = normal_email(email)
    _check_flood(moderator, ip_address, email)
    if Comment.objects.filter(article=article, body=body).exists():
        raise DuplicateComment("You have already posted this comment on this article.")
    comment = Comment(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        author_name=name,
        author_email=email,
        author_url=url,
        body=body,
        ip_address=ip_address,
        user_agent=user_agent[:500],
        user=user if getattr(user, "is_authenticated", False) else None,
    )
    if _is_moderator(user):
        comment.status, comment.held_because = Comment.Status.APPROVED, ""
    else:
        # Only the first-time rule asks whether the address was approved before.
        known = (
            not moderator.hold_first_time
            or Comment.objects.approved().filter(author_email=email).exists()
        )
        comment.spam_score = classifier.score(comment)
        verdict = moderator.decide(comment, known_commenter=known, score=comment.spam_score)
        comment.status, comment.held_because = verdict.status, "; ".join(verdict.reasons)[:300]
    return _store_new(comment)


@transaction.atomic
def reply_as_staff(
    *,
    parent: Comment,
    user: Any,
    body: str,
    ip_address: str | None = None,
    user_agent: str = "",
) -> Comment:
    """Publish an editor's reply to ``parent`` at once, signed with their byline.

    Readers' hurdles (anti-bot stamp, flood limit, duplicate check, moderation rules)
    do not apply: the editor is the moderator. The thread's own limits do, so raises
    ``PermissionDenied`` for a user who may not moderate comments, ``BadReplyText`` for no
    text or too much, and ``CommentsClosed`` or ``BadReply`` for the reasons
    ``staff_reply_problem`` gives. Nothing is stored then.
    """
    if not _is_moderator(user):
        raise PermissionDenied("Only editors who may moderate comments can reply to them.")
    body = body.strip()
    limit = Comment._meta.get_field("body").max_length or 0
    if not body:
        raise BadReplyText("Write your reply first: it was empty.")
    if len(body) > limit:
        raise BadReplyText(f"Replies can be at most {limit:,} characters; yours has {len(body):,}.")
    refusal = _staff_reply_refusal(parent)
    if refusal is not None:
        raise refusal
    reply = Comment(
        article=parent.article,
        parent=parent,
        depth=parent.depth + 1,
        author_name=staff_byline(user)[:100],
        author_email=normal_email(user.email or ""),
        body=body,
        ip_address=ip_address,
        user_agent=user_agent[:500],
        user=user,
        status=Comment.Status.APPROVED,
    )
    return _store_new(reply)


def staff_reply_problem(*, parent: Comment) -> str:
    """Why an editor cannot reply to ``parent`` now; "" when they can."""
    refusal = _staff_reply_refusal(parent)
    return "" if refusal is None else str(refusal)


def _staff_reply_refusal(parent: Comment) -> CommentRejected | None:
    moderator = Moderator.current()
    if not moderator.is_open(parent.article, clock.now()):
        return CommentsClosed(
            "Comments are closed on this article (closed, too old, or not visible to "
            "readers), so no reply can be published there."
        )
    if not parent.is_public:
        # Readers would see the reply without the comment it answers.
        return BadReply("Approve this comment before replying to it: readers cannot see it.")
    problem = moderator.reply_problem(parent.article, parent)
    return BadReply(problem) if problem else None


def staff_byline(user: Any) -> str:
    """The name an editor's replies go out under: their public byline if they have one."""
    # Without a profile Django raises RelatedObjectDoesNotExist, an AttributeError.
    profile = getattr(user, "author_profile", None)
    return str(
        (profile.name if profile is not None else "") or user.get_full_name() or user.get_username()
    )


def _store_new(comment: Comment) -> Comment:
    """Save a new ``comment`` and announce it once the transaction commits."""
    comment.status_changed_at = comment.created_at
    comment.save()
    transaction.on_commit(lambda: comment_submitted.send(sender=Comment, comment=comment))
    return comment


@transaction.atomic
def import_comment(
    *,
    article: Article,
    name: str,
    email: str,
    body: str,
    status: str,
    created_at: datetime,
    url: str = "",
    parent: Comment | None = None,
    ip_address: str | None = None,
    comment: Comment | None = None,
) -> Comment:
    """Store a comment brought from another system as it was there, or update ``comment``.

    No moderation rules, flood limits, duplicate check or notifications: the comment
    was already judged where it came from. The email is lower-cased as for readers'
    comments; ``depth`` follows ``parent``.
    """
    comment = imported_comment(
        article=article, name=name, email=email, body=body, status=status,
        created_at=created_at, url=url, parent=parent, ip_address=ip_address, comment=comment,
    )  # fmt: skip
    comment.save()
    return comment


def imported_comment(
    *,
    article: Article,
    name: str,
    email: str,
    body: str,
    status: str,
    created_at: datetime,
    url: str = "",
    parent: Comment | None = None,
    ip_address: str | None = None,
    comment: Comment | None = None,
) -> Comment:
    """What ``import_comment`` would store, not saved: for ``import_comments_in_bulk``."""
    if status not in Comment.Status.values:
        raise ValueError(f"Unknown comment status {status!r}.")
    comment = comment or Comment(article=article)
    comment.parent = parent
    comment.depth = parent.depth + 1 if parent else 0
    comment.author_name = name[:100]
    comment.author_email = normal_email(email)[:254]
    comment.author_url = url[:300]
    comment.body = body
    comment.ip_address = ip_address
    comment.created_at = comment.status_changed_at = created_at
    comment.status = status
    return comment


def import_comments_in_bulk(*, comments: list[Comment]) -> list[Comment]:
    """Insert new comments made by ``imported_comment`` in one statement; pks are set.

    Like ``import_comment`` but without ``post_save``: the importer refreshes the page
    cache once when it ends. A parent must be saved before its replies are made.
    """
    if any(comment.pk for comment in comments):
        raise ValueError("Only new comments are inserted in bulk; save changed ones.")
    return Comment.objects.bulk_create(comments)


def normal_email(email: str) -> str:
    """``email`` as comments store it, so "approved before" matches however it was typed."""
    return email.strip().lower()


def _check_flood(moderator: Moderator, ip_address: str | None, email: str) -> None:
    limit = moderator.rate_limit
    # Count both, so a refused attempt still counts against each.
    by_ip = throttle.over_limit("comment-ip", ip_address or "", limit)
    by_email = throttle.over_limit("comment-email", email, limit)
    if by_ip or by_email:
        raise TooManyComments(
            "You are commenting too quickly. Please wait a minute and post again; "
            "your comment is still in the form."
        )


def _is_moderator(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.has_perm("comments.change_comment")
    )


@transaction.atomic
def moderate_comments(
    *, comments: Iterable[Comment], status: str, by: Any = None, via: str = ""
) -> int:
    """Give ``comments`` the ``status`` a person chose; teach the classifier; return the count.

    ``via`` names the way it came when that matters to the audit log ("email link").

    Approving teaches "not spam", marking spam teaches "spam", sending back to pending
    forgets the lesson; trashing leaves it as it was (trash is not a verdict on the text).
    """
    if status not in Comment.Status.values:
        raise ValueError(f"Unknown comment status {status!r}.")
    now = clock.now()
    who = by if getattr(by, "is_authenticated", False) else None
    changed = []
    for comment in comments:
        if comment.status == status:
            continue
        comment.status, comment.status_changed_at, comment.moderated_by = status, now, who
        if status in LESSONS:
            classifier.learn(comment, LESSONS[status])
        comment.save(update_fields=["status", "status_changed_at", "moderated_by", "learned_as"])
        changed.append(comment)
    if changed:
        transaction.on_commit(
            lambda: comments_moderated.send(
                sender=Comment, comments=changed, status=status, by=who, via=via
            )
        )
    return len(changed)


@transaction.atomic
def delete_comments(*, comments: Iterable[Comment]) -> int:
    """Delete ``comments`` for good; return how many went.

    Their replies stay, moved up to the deleted comment's own parent (as WordPress does).
    What the classifier learned from them stays learned (``masthead comments train``
    starts afresh from the comments still stored).
    """
    return _delete(Comment.objects.filter(pk__in=[c.pk for c in comments]))


@transaction.atomic
def empty_trash(*, older_than: timedelta | None = None) -> int:
    """Delete spam and trash that has sat there longer than the settings allow."""
    days = older_than or timedelta(days=Moderator.current().empty_after_days)
    cutoff = clock.now() - days
    return _delete(
        Comment.objects.filter(
            Q(status_changed_at__lt=cutoff)
            | Q(status_changed_at__isnull=True, created_at__lt=cutoff),
            status__in=[Comment.Status.SPAM, Comment.Status.TRASH],
        )
    )


def empty_trash_if_due() -> int:
    """Run ``empty_trash`` if it has not run in the last day (one cache write otherwise)."""
    if not cache.add(EMPTIED_KEY, True, 24 * 3600):
        return 0
    return empty_trash()


def _delete(doomed: QuerySet[Comment]) -> int:
    rows = {c.pk: c for c in doomed.only("pk", "parent_id", "article_id")}
    if not rows:
        return 0

    def surviving_parent(pk: int | None) -> int | None:
        while pk in rows:
            pk = rows[pk].parent_id
        return pk

    orphans = list(Comment.objects.filter(parent_id__in=rows).exclude(pk__in=rows))
    for orphan in orphans:
        orphan.parent_id = surviving_parent(orphan.parent_id)
    Comment.objects.bulk_update(orphans, ["parent"])
    _, per_model = Comment.objects.filter(pk__in=rows).delete()
    if orphans:
        _renumber_depths({o.article_id for o in orphans})
    return per_model.get(Comment._meta.label, 0)


def _renumber_depths(article_ids: set[int]) -> None:
    """Set every comment's depth from its parents again, after replies moved up."""
    comments = list(
        Comment.objects.filter(article_id__in=article_ids)
        .only("pk", "parent_id", "depth")
        .order_by("created_at", "pk")
    )
    by_pk = {c.pk: c for c in comments}
    changed = []
    for comment in comments:  # parents are older than their replies
        parent = by_pk.get(comment.parent_id) if comment.parent_id else None
        depth = parent.depth + 1 if parent else 0
        if depth != comment.depth:
            comment.depth = depth
            changed.append(comment)
    Comment.objects.bulk_update(changed, ["depth"])


def purge_ips(*, older_than: timedelta) -> int:
    """Erase the stored IP address of comments older than ``older_than``; return the count."""
    cutoff = clock.now() - older_than
    return Comment.objects.filter(created_at__lt=cutoff, ip_address__isnull=False).update(
        ip_address=None
    )
