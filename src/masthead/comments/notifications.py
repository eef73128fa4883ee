"""Email an article's authors about each comment awaiting moderation, with one-click links.

When a reader's comment is held (``comment_submitted`` with a pending comment) and
*Comment settings → email the authors* is on, every author of the article whose user
account is active and has an email address gets one message (one per address; not about
their own comment): who commented, why the comment was held, its text, the article's
address, and three links: approve, mark as spam, and the comment in the back office.

The approve and spam links carry a token signed with ``TimestampSigner`` (salt ``SALT``)
over the comment id, the action, the recipient's user id and the moment the comment's
status last changed (``stamp``), so a link does one thing to one comment, for the person
it was sent to, for ``link_max_age()`` (``COMMENT_LINK_HOURS``, 48 hours by default)::

    >>> from django.contrib.auth.models import User
    >>> comment, alice = Comment(pk=12), User(pk=3)
    >>> token = make_token(comment=comment, action="approve", user=alice)
    >>> read_token(token)
    LinkOrder(comment_id=12, action='approve', user_id=3, stamp='-')

A link works once: when the comment has been moderated since the email was sent (by this
link, the other one, or in the back office), ``spent`` says so and the link does nothing,
even if the comment was later sent back to pending. Its use is in the audit log: the
``comments_moderated`` signal carries ``via="email link"``.

Who may use a link is decided when it is followed, not when it is sent (``may_moderate``):
the recipient must still be active and either an author of the article (the point of the
email: authors look after the conversation under their own stories, even without the
back-office permission) or someone with the ``comments.change_comment`` permission.

Mail goes out after the comment is committed, while the reader's request finishes; a mail
server that is down costs at most ``EMAIL_TIMEOUT`` seconds and a logged error on the
``masthead.comments`` logger, never the comment.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import mail, signing
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from masthead.articles.models import SiteSettings
from masthead.comments.models import Comment
from masthead.comments.moderation import Moderator

logger = logging.getLogger("masthead.comments")

SALT = "masthead.comments.moderate"
VIA = "email link"
"""What ``comments_moderated`` says a link's moderation came through (``via``)."""
ACTIONS = {"approve": Comment.Status.APPROVED, "spam": Comment.Status.SPAM}
"""The actions a link may carry, and the status each gives the comment."""


class BadLink(Exception):
    """A moderation link that has expired, was altered, or was never ours."""


@dataclass(frozen=True)
class LinkOrder:
    """What a valid link asks for: ``action`` on a comment, by a user."""

    comment_id: int
    action: str
    user_id: int
    stamp: str  # the comment's ``stamp`` when the link was made

    @property
    def status(self) -> str:
        return ACTIONS[self.action]


def link_max_age() -> timedelta:
    """How long the approve and spam links in a notification work after it is sent."""
    return timedelta(hours=settings.COMMENT_LINK_HOURS)


def stamp(comment: Comment) -> str:
    """When ``comment``'s status last changed, as a token holds it ("-": never)."""
    changed = comment.status_changed_at
    return "-" if changed is None else str(int(changed.timestamp() * 1_000_000))


def spent(order: LinkOrder, comment: Comment) -> bool:
    """Whether the link has been used: ``comment`` was moderated since it was made."""
    return comment.status != Comment.Status.PENDING or stamp(comment) != order.stamp


def make_token(*, comment: Comment, action: str, user: Any) -> str:
    """A signed token asking for ``action`` on ``comment`` by ``user``; see ``read_token``."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown link action {action!r}.")
    value = f"{comment.pk}.{action}.{user.pk}.{stamp(comment)}"
    return signing.TimestampSigner(salt=SALT).sign(value)


def read_token(token: str) -> LinkOrder:
    """What ``token`` asks for; raise ``BadLink`` if it is expired, altered or malformed."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=link_max_age())
        comment_id, action, user_id, made = value.split(".")
        order = LinkOrder(int(comment_id), action, int(user_id), made)
    except (signing.BadSignature, ValueError) as exc:  # SignatureExpired is a BadSignature
        raise BadLink("This link has expired or is not valid.") from exc
    if action not in ACTIONS:
        raise BadLink("This link has expired or is not valid.")
    return order


def may_moderate(user: Any, comment: Comment) -> bool:
    """Whether ``user`` may approve or spam ``comment`` through a link sent to them."""
    if not user.is_active:
        return False
    return bool(
        user.has_perm("comments.change_comment")
        or comment.article.authors.filter(user=user).exists()
    )


def absolute(path: str) -> str:
    """``path`` on the public site, as a full address for an email."""
    return settings.SITE_URL.rstrip("/") + path


def link_url(*, comment: Comment, action: str, user: Any) -> str:
    """The full address of the page that does ``action`` on ``comment`` for ``user``."""
    token = make_token(comment=comment, action=action, user=user)
    return absolute(reverse("comments:moderate", kwargs={"token": token}))


def back_office_url(comment: Comment | None = None) -> str:
    """The comment's admin page, else the admin's comment list, else the admin's front page."""
    attempts: list[tuple[str, list[int]]] = [("admin:comments_comment_changelist", [])]
    if comment is not None:
        attempts.insert(0, ("admin:comments_comment_change", [comment.pk]))
    for name, args in attempts:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return reverse("admin:index")


def recipients(comment: Comment) -> list[Any]:
    """The users to tell about ``comment``: its article's authors, in byline order.

    Skipped: authors without a user, inactive users, users without an email address, the
    commenter themself, and a second user with an address already on the list.
    """
    seen: set[str] = set()
    found = []
    for link in comment.article.authorships.select_related("author__user"):
        user = link.author.user
        if user is None or not user.is_active or not user.email.strip():
            continue
        address = user.email.strip().lower()
        if address in seen or user.pk == comment.user_id:
            continue
        seen.add(address)
        found.append(user)
    return found


def message(comment: Comment, user: Any) -> mail.EmailMultiAlternatives:
    """The email telling ``user`` that ``comment`` awaits moderation."""
    article = comment.article
    context = {
        "site_name": SiteSettings.current().name,
        "comment": comment,
        "article": article,
        "recipient": user,
        "article_url": absolute(article.get_absolute_url()),
        "approve_url": link_url(comment=comment, action="approve", user=user),
        "spam_url": link_url(comment=comment, action="spam", user=user),
        "back_office_url": absolute(back_office_url(comment)),
        "link_lifetime": _lifetime(link_max_age()),
    }
    # Header values must be one line, whatever a commenter typed as their name.
    subject = " ".join(
        f"Comment from {comment.author_name} awaits moderation: {article.title}".split()
    )
    email = mail.EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("comments/email/awaiting_moderation.txt", context),
        to=[user.email.strip()],
    )
    email.attach_alternative(
        render_to_string("comments/email/awaiting_moderation.html", context), "text/html"
    )
    return email


def _lifetime(age: timedelta) -> str:
    hours = int(age.total_seconds() // 3600)
    if hours % 24 == 0:
        return f"{hours // 24} day{'s' if hours != 24 else ''}"
    return f"{hours} hour{'s' if hours != 1 else ''}"


def notify_authors(comment: Comment) -> int:
    """Email each of ``recipients(comment)`` about it; return how many messages went out.

    A message the server refuses is logged and the others still go; a server that cannot
    be reached raises (``on_comment_submitted`` logs it).
    """
    users = recipients(comment)
    if not users:
        return 0
    sent = 0
    with mail.get_connection() as connection:
        for user in users:
            try:
                sent += connection.send_messages([message(comment, user)]) or 0
            except Exception:
                logger.exception("Could not email user %s about comment %s", user.pk, comment.pk)
    return sent


def on_comment_submitted(sender: Any, *, comment: Comment, **kwargs: Any) -> None:
    """Email the authors about ``comment`` if it awaits moderation and the settings say so."""
    if comment.status != Comment.Status.PENDING or not Moderator.current().notify_authors:
        return
    try:
        notify_authors(comment)
    except Exception:
        # The comment is stored whatever happens here; the editors still see it in the queue.
        logger.exception("Could not email the authors about comment %s", comment.pk)
