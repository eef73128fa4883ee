"""The page behind the approve and spam links in the emails to authors.

Opening a link (GET) changes nothing, because mail scanners and link previews open links
too: it shows the comment and asks, with a button. The button (POST, with a CSRF token)
acts through ``services.moderate_comments`` as the person the email went to, which the
audit log records. A link works once: once the comment has been moderated (through it or
otherwise) the page says the link has been used and does nothing. Who may use a link,
and for how long, is described in ``masthead.comments.notifications``.

Every answer is private to its reader: ``Cache-Control: private, no-store`` and
``X-Robots-Tag: noindex``. A bad link gets a 400 page that points to the back office, a
deleted comment a 404 page, a user who may no longer moderate a 403 page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from masthead.comments import notifications, services
from masthead.comments.models import Comment

WORDING = {
    "approve": {
        "question": "Approve this comment?",
        "button": "Approve",
        "done_title": "Comment approved",
        "done": "Approved. The comment now appears under the article.",
    },
    "spam": {
        "question": "Mark this comment as spam?",
        "button": "Mark as spam",
        "done_title": "Comment marked as spam",
        "done": "Marked as spam. Readers will not see it, and the spam filter learns from it.",
    },
}


@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "HEAD", "POST"])
def moderate_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """Ask to confirm the link's action (GET); perform it as the link's recipient (POST)."""
    try:
        order = notifications.read_token(token)
    except notifications.BadLink:
        return _problem(
            request,
            400,
            "This link has expired or is not valid.",
            "Moderate the comment in the back office",
        )
    comment = Comment.objects.select_related("article").filter(pk=order.comment_id).first()
    if comment is None:
        return _problem(
            request,
            404,
            "This comment no longer exists: it has been deleted.",
            "The comments waiting for moderation are in the back office",
        )
    user = get_user_model().objects.filter(pk=order.user_id).first()
    if user is None or not notifications.may_moderate(user, comment):
        return _problem(
            request,
            403,
            "Your account may no longer moderate this comment.",
            "An editor can moderate it in the back office",
        )
    used = notifications.spent(order, comment)
    done = False
    if request.method == "POST" and not used:
        services.moderate_comments(
            comments=[comment], status=order.status, by=user, via=notifications.VIA
        )
        done = True
    context = {
        "comment": comment,
        "article": comment.article,
        "words": WORDING[order.action],
        "used": used,
        "done": done,
        "back_office_url": notifications.back_office_url(comment),
    }
    return _page(request, "comments/moderate.html", context)


TITLES = {400: "This link cannot be used", 403: "Not allowed", 404: "Comment not found"}


def _problem(request: HttpRequest, status: int, message: str, hint: str) -> HttpResponse:
    """A page saying what is wrong with the link, and where to moderate instead."""
    context = {
        "status": status,
        "title": TITLES[status],
        "message": message,
        "hint": hint,
        "back_office_url": request.build_absolute_uri(notifications.back_office_url()),
    }
    return _page(request, "comments/moderate_problem.html", context, status=status)


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response
