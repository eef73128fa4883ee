"""``{% comments_section article %}``: the threaded comments and the reply form."""

from __future__ import annotations

import zlib
from datetime import datetime
from typing import Any

from django import template
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe

from masthead.articles.models import Article
from masthead.articles.templatetags.newsroom import iso
from masthead.comments import cookies
from masthead.comments.forms import CommentForm
from masthead.comments.models import Comment
from masthead.comments.moderation import Moderator
from masthead.comments.thread import build_thread
from masthead.core import clock
from masthead.core.prepared import Prepared

register = template.Library()

FIELDS = ("pk", "parent_id", "depth", "status", "author_name", "author_url", "body", "created_at")
# A story's approved comments, oldest first, compiled once.
APPROVED: Prepared[Comment] = Prepared(
    lambda article: (
        Comment.objects.approved()
        .filter(article_id=article)
        .only(*FIELDS)
        .order_by("created_at", "pk")
    ),
    article=int,
)


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context: template.Context, article: Article) -> dict[str, Any]:
    """Render the thread (oldest first, replies under their parent) and the form.

    One query for the approved comments, one more only for a reader whose cookie names
    comments of theirs that wait for moderation.
    """
    request: HttpRequest | None = context.get("request")
    moderator = Moderator.current()
    comments = APPROVED.rows(article=article.pk)
    own = _own_waiting(request, article)
    if own:
        comments = sorted([*comments, *own], key=lambda c: (c.created_at, c.pk))
    form = context.get("comment_form")
    replying_to = _replying_to(request, form, comments, moderator)
    if form is None:
        form = CommentForm(article_id=article.pk, initial=_initial(request, replying_to))
    return {
        "article": article,
        "article_url": article.get_absolute_url(),
        "thread": build_thread(comments),
        "approved_count": len(comments) - len(own),
        "form": form,
        "is_open": moderator.is_open(article, clock.now()),
        "reply_depth": moderator.max_depth - 1,
        "replying_to": replying_to,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


# One comment of the thread, up to the reply form that may follow it; made in Python
# because a long thread repeats it hundreds of times on every uncached page.
COMMENT = """<li class="comment{waiting_class}" id="comment-{pk}">
      <article class="comment__inner">
        <header class="comment__header">
          <span class="avatar avatar--h{hue}" aria-hidden="true">{initials}</span>
          <span class="comment__author">{author}</span>
          <a class="comment__date" href="#comment-{pk}"><time datetime="{iso}">{date}</time></a>
        </header>
        {waiting}
        <div class="comment__body">{body}</div>
        {reply}
      </article>"""
WAITING = (
    '<p class="comment__waiting" role="status">Your comment is awaiting moderation. '
    "Only you can see it until an editor approves it.</p>"
)
REPLY = (
    '\n        <p class="comment__reply"><a class="comment-reply-link"'
    ' href="{url}?replytocom={pk}#respond" rel="nofollow" data-reply-to="{pk}"'
    ' data-reply-name="{name}" aria-label="Reply to {name}">Reply</a></p>\n        '
)
LINK = '<a href="{}" rel="external nofollow ugc noopener">{}</a>'
# How a comment's time is written (Django's date format; ``written_on`` writes it).
DATE_FORMAT = r"F j, Y \a\t H:i"


@register.simple_tag(takes_context=True)
def comment_item(context: template.Context, item: Any) -> SafeString:
    """One comment of ``comments/section.html``'s thread, every value escaped."""
    comment: Comment = item.comment
    name, public = comment.author_name, comment.is_public
    reply = ""
    if context["is_open"] and public and comment.depth < context["reply_depth"]:
        reply = format_html(REPLY, url=context["article_url"], pk=comment.pk, name=name)
    return format_html(
        COMMENT,
        waiting_class="" if public else " comment--waiting",
        pk=comment.pk,
        hue=avatar_hue(name),
        initials=initials(name),
        author=format_html(LINK, comment.website, name) if comment.website else name,
        iso=iso(comment.created_at),
        date=written_on(comment.created_at),
        # Our own sentence, and the body as linebreaks escaped it: both safe as they stand.
        waiting=mark_safe("" if public else WAITING),  # noqa: S308
        body=mark_safe(linebreaks(comment.body, autoescape=True)),  # noqa: S308
        reply=reply,
    )


def written_on(moment: datetime) -> str:
    """``moment`` in the local time zone as ``DATE_FORMAT`` writes it ("March 9, 2026 at
    14:05", the month in the active language), without Django's format parser, which cost
    more than the rest of a comment."""
    local = timezone.localtime(moment)
    return f"{MONTHS[local.month]} {local.day}, {local.year:04d} at {local:%H:%M}"


def _own_waiting(request: HttpRequest | None, article: Article) -> list[Comment]:
    ids = cookies.pending_ids(request) if request else []
    if not ids:
        return []
    # Spam is shown to its sender as waiting too: no hint for whoever sent it.
    return list(
        Comment.objects.filter(
            pk__in=ids, article=article, status__in=[Comment.Status.PENDING, Comment.Status.SPAM]
        ).only(*FIELDS)
    )


def _replying_to(
    request: HttpRequest | None,
    form: CommentForm | None,
    comments: list[Comment],
    moderator: Moderator,
) -> Comment | None:
    """The comment the form answers: from a form sent back, or ``?replytocom=`` without JS."""
    if form is not None and form.is_bound:
        wanted = form.data.get("parent")
    else:
        wanted = request.GET.get("replytocom") if request else None
    if not wanted or not str(wanted).isdigit():
        return None
    return next(
        (
            c
            for c in comments
            if c.pk == int(wanted) and c.is_public and c.depth + 1 < moderator.max_depth
        ),
        None,
    )


def _initial(request: HttpRequest | None, replying_to: Comment | None) -> dict[str, Any]:
    initial: dict[str, Any] = {"parent": replying_to.pk if replying_to else None}
    known = cookies.remembered_commenter(request) if request else {}
    if known:
        initial.update(
            author_name=known["name"],
            author_email=known["email"],
            author_url=known["url"],
            remember=True,
        )
    return initial


@register.filter
def initials(name: str) -> str:
    """Up to two initials of a commenter's name, for the avatar drawn on the page."""
    parts = [p for p in str(name).split() if p[:1].isalnum()]
    return "".join(p[0] for p in parts[:2]).upper() or "?"


@register.filter
def avatar_hue(name: str) -> int:
    """One of eight avatar colours, the same for the same name on every page."""
    return zlib.crc32(str(name).strip().lower().encode()) % 8
