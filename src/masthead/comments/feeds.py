"""Comment feeds: the whole site's latest comments, and one article's (RSS 2.0).

Only approved comments on articles readers can see appear; a commenter's email address
and IP address never do (the item author is the display name alone).
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.template.defaultfilters import linebreaks_filter
from django.utils.feedgenerator import Rss201rev2Feed, SyndicationFeed

from masthead.articles import pagetags
from masthead.articles.models import Article, SiteSettings
from masthead.articles.views import find_article
from masthead.comments.models import Comment
from masthead.core.sanitize import printable_feed

ITEMS = 30


class CommentsRss(Rss201rev2Feed):
    """RSS 2.0 whose ``lastBuildDate``, before the first comment, is the article's date.

    Django's writer dates an empty feed "now", so the same feed would differ on every
    request: a static publish would rewrite every quiet article's feed on every run, and
    conditional GETs would never match.
    """

    def latest_post_date(self) -> datetime:
        if not self.items and self.feed.get("quiet_since"):
            quiet_since: datetime = self.feed["quiet_since"]
            return quiet_since
        return super().latest_post_date()


class SiteCommentsFeed(Feed):
    """``/comments/feed/``: the latest approved comments on the whole site."""

    feed_type = CommentsRss

    def get_feed(self, obj: Article | None, request: HttpRequest) -> SyndicationFeed:
        # The site's comments name the stories' titles: an edit purges ``comments`` too.
        if obj is None:
            pagetags.show(request, pagetags.COMMENTS)
        else:
            pagetags.show(request, pagetags.comments_of(obj.pk), pagetags.article(obj.pk))
        # A comment stored before the fields cleaned text (or around them) must not make
        # the feed a 500: Django's XML writer refuses control characters outright.
        return printable_feed(super().get_feed(obj, request))

    def title(self, obj: Article | None = None) -> str:
        return f"Comments on {SiteSettings.current().name}"

    def feed_extra_kwargs(self, obj: Article | None) -> dict[str, datetime | None]:
        return {"quiet_since": obj.published_at if obj else None}

    def link(self, obj: Article | None = None) -> str:
        return obj.get_absolute_url() if obj else "/"

    def description(self, obj: Article | None = None) -> str:
        return "The latest comments readers have left."

    def items(self, obj: Article | None = None) -> list[Comment]:
        approved = Comment.objects.approved().select_related("article").order_by("-created_at")
        if obj is not None:
            return list(approved.filter(article=obj)[:ITEMS])
        # Visibility is checked in Python: a join on the article's status makes the
        # database walk comments of hidden articles too. Over-fetch, then keep ITEMS.
        recent = approved.defer("article__body", "article__body_html")[: ITEMS * 3]
        return [c for c in recent if c.article.is_visible][:ITEMS]

    def item_title(self, item: Comment) -> str:
        return f"{item.author_name} on “{item.article.title}”"

    def item_description(self, item: Comment) -> str:
        return linebreaks_filter(item.body, autoescape=True)

    def item_link(self, item: Comment) -> str:
        return f"{item.article.get_absolute_url()}#comment-{item.pk}"

    def item_author_name(self, item: Comment) -> str:
        return item.author_name

    def item_pubdate(self, item: Comment) -> datetime:
        return item.created_at


class ArticleCommentsFeed(SiteCommentsFeed):
    """``/<yyyy>/<mm>/<dd>/<slug>/feed/``: the approved comments on one article."""

    def get_object(
        self, request: HttpRequest, year: str, month: str, day: str, slug: str
    ) -> Article:
        return find_article(year, month, day, slug)

    def title(self, obj: Article | None = None) -> str:
        return f"Comments on: {obj.title}" if obj else super().title()

    def description(self, obj: Article | None = None) -> str:
        return f"Readers' comments on “{obj.title}”." if obj else super().description()
