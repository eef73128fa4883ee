"""``{% comments_section article %}``: the approved thread and the reply form."""

from __future__ import annotations

from typing import Any

from django import template

from masthead.comments.forms import CommentForm
from masthead.comments.models import Comment

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context: template.Context, article: Any) -> dict[str, Any]:
    """Render the approved comments, oldest first, and the form (bound, after an error)."""
    comments = list(
        Comment.objects.approved()
        .filter(article=article)
        .only("pk", "parent_id", "author_name", "author_url", "body", "created_at")
        .order_by("created_at", "pk")
    )
    request = context.get("request")
    return {
        "article": article,
        "comments": comments,
        "form": context.get("comment_form") or CommentForm(),
        "pending_notice": bool(request and request.GET.get("comment") == "pending"),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
