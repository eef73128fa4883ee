"""Previews: a story not yet public, shown as readers will see it, to staff and reviewers.

Staff open ``/preview/<id>/`` (signed in, and allowed to see the story); an outside
reviewer opens ``/preview/link/<token>/``, a link an editor gave out
(``services.previews``). Both render the public article page's own view code and
template, with a banner, and every answer here is private, uncacheable and unindexed:
the page cache stores nothing marked ``no-store``, and search engines drop ``noindex``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from masthead.articles.models import Article, PreviewLink
from masthead.articles.policy import rules
from masthead.articles.services import previews
from masthead.articles.views.pages import (
    page_stories,
    render_article_page,
    with_byline_and_tags,
)
from masthead.core import clock

# What the page of a link that shows nothing says, and its status: a link that worked
# once is "gone" (410); one that never did is "not found" (404).
GONE_PAGES = {
    previews.Gone.INVALID: (404, "This preview link doesn't work. Check that it was copied whole."),
    previews.Gone.EXPIRED: (410, "This preview link has expired."),
    previews.Gone.REVOKED: (410, "This preview link was withdrawn by the newsroom."),
    previews.Gone.WITHDRAWN: (410, "This story is no longer available for preview."),
}


def keep_private(response: HttpResponseBase) -> HttpResponseBase:
    """Mark ``response`` as for its reader alone, never stored, never indexed."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def staff_preview(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The story ``pk`` as it will appear, for staff who may see it; 404 for anyone else."""
    user: Any = request.user
    if not user.is_authenticated:
        return keep_private(redirect_to_login(request.get_full_path(), reverse("admin:login")))
    article = page_stories().filter(pk=pk).first()
    # A story someone may not see is one that does not exist, as far as they can tell.
    if article is None or not rules.may_view(user, article):
        raise Http404("No such story.")
    return keep_private(render_preview(request, with_byline_and_tags(article)))


def link_preview(request: HttpRequest, token: str) -> HttpResponseBase:
    """The story a reviewer's link shows, or a page saying the link no longer works."""
    found = previews.open_preview_link(token)
    if isinstance(found, previews.Gone):
        status, message = GONE_PAGES[found]
        context = {"message": message, "reason": found.value}
        return keep_private(render(request, "articles/preview_gone.html", context, status=status))
    article = with_byline_and_tags(page_stories().get(pk=found.article_id))
    return keep_private(render_preview(request, article, link=found))


def render_preview(
    request: HttpRequest, article: Article, *, link: PreviewLink | None = None
) -> HttpResponseBase:
    """The article page of ``article`` with the preview banner; the public page once it is out."""
    if article.is_visible:
        # Published since: the real page says it all, and is the one to share.
        return redirect(article.get_absolute_url())
    scheduled = article.state == "scheduled"
    as_it_will_appear(article)
    return render_article_page(
        request,
        article,
        template_name="articles/preview.html",
        preview={
            "state": article.state_label,
            "scheduled_for": article.published_at if scheduled else None,
            "link": link,
            "edit_url": "" if link else reverse("admin:articles_article_change", args=[article.pk]),
        },
    )


def as_it_will_appear(article: Article) -> Article:
    """Give an undated story the date it would have if published now (in memory only).

    The page shows the publication time and builds its addresses from the day; a
    scheduled or withdrawn story keeps its own.
    """
    if article.published_at is None:
        article.published_at = clock.now()
    if article.pub_date is None:
        article.pub_date = timezone.localdate(article.published_at)
    return article
