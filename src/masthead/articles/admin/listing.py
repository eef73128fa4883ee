"""The story list of the back office: columns, views per state, filters, search, bulk actions.

A page of the list is a fixed number of queries whatever the size of the archive or of
the page (``tests/backoffice/test_story_list_queries.py`` counts them): the bylines and
the last revisions come from one prefetch each, the sections with their stories.
Searching covers headlines, standfirsts and byline names; the body only when asked
(``?body=1``), because matching inside every story's text reads the whole archive
(docs/benchmarks.md has the figures).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.sql.where import AND
from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import smart_split, unescape_string_literal

from masthead.articles import services
from masthead.articles.admin.bulk import refile
from masthead.articles.admin.filters import (
    AuthorFilter,
    LanguageFilter,
    MineFilter,
    SectionFilter,
    StateFilter,
    state_views,
)
from masthead.articles.admin.paging import StoryPaginator
from masthead.articles.models import Article, ArticleAuthor, Revision
from masthead.articles.models.people import person_name

# The query string's switch that extends a search to the stories' text.
BODY_VAR = "body"
# Views whose COUNT reads through the archive rather than along an index: a search, and
# one person's stories. Their count stops at ``StoryPaginator.CAP``.
SLOW_TO_COUNT = ("q", MineFilter.parameter_name, AuthorFilter.parameter_name)


def bulk_move(
    move: Callable[..., Article], done: str
) -> Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Article]], None]:
    """An admin action applying ``move`` to each story the user may move, reporting the rest."""

    def action(model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Article]):
        moved, refused = 0, []
        for article in queryset:
            try:
                move(article=article, by=request.user)
            except services.NotAllowed as refusal:
                refused.append(f"“{article.title}”: {refusal}")
            else:
                moved += 1
        if moved:
            messages.success(request, done % {"count": moved})
        for line in refused:
            messages.error(request, line)

    return action


class StoryChangeList(ChangeList):
    """Django's change list, told that the body-search switch is no field to filter on."""

    paginator: StoryPaginator

    def get_filters_params(self, params: Any = None) -> Any:
        lookup_params = super().get_filters_params(params)
        lookup_params.pop(BODY_VAR, None)
        return lookup_params

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        # A page past the last is shown as the last (StoryPaginator): its link is current.
        paginator = self.paginator
        self.page_num = paginator.validate_number(self.page_num)
        if paginator.capped:
            # Not every match was counted, so there is no "all" to show.
            self.can_show_all = False
            self.result_list = paginator.page(self.page_num).object_list
        elif (self.show_all and self.can_show_all) or not self.multi_page:
            # Every match on one page: the paginator's list, which may know them by id.
            self.result_list = paginator.object_list.all()


class ArticleListing(admin.ModelAdmin):
    """The list of stories: what it shows, filters and searches, and its bulk actions."""

    list_display = ["title", "byline", "state", "section", "published_at", "last_changed"]
    list_filter = [
        StateFilter, MineFilter, AuthorFilter, ("category", SectionFilter), LanguageFilter,
        "source",
    ]  # fmt: skip
    list_select_related = ["category__parent"]
    # The desk works on what moved last; drafts, which have no publication time, included.
    ordering = ["-modified_at", "-pk"]
    search_fields = ["title", "dek", "authorships__author__name"]
    search_help_text = (
        "Searches headlines, standfirsts and bylines; tick “the text too” to search "
        "inside the stories (slower)."
    )
    # Each is a COUNT over the whole archive on every page: the paginator's is enough.
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    change_list_template = "admin/articles/article/change_list.html"
    actions = ["publish", "unpublish", "trash", refile]

    publish = admin.action(description="Publish selected articles")(
        bulk_move(services.publish_article, "Published %(count)d article(s).")
    )
    unpublish = admin.action(description="Unpublish selected articles")(
        bulk_move(services.unpublish_article, "Unpublished %(count)d article(s).")
    )
    trash = admin.action(description="Move selected articles to the trash")(
        bulk_move(services.trash_article, "Moved %(count)d article(s) to the trash.")
    )

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return StoryChangeList

    def get_paginator(self, request: HttpRequest, queryset: Any, per_page: int, *args: Any,
                      **kwargs: Any) -> StoryPaginator:  # fmt: skip
        capped = any(request.GET.get(name) for name in SLOW_TO_COUNT)
        return StoryPaginator(queryset, per_page, *args, capped=capped, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        # The rows need the byline and who saved last, never the text.
        last_revision = Revision.objects.select_related("by").only(
            "article_id", "created_at", "by__username", "by__first_name", "by__last_name"
        )
        return (
            super()
            .get_queryset(request)
            .defer("body", "body_html", "excerpt")
            .prefetch_related(
                Prefetch(
                    "authorships",
                    queryset=ArticleAuthor.objects.select_related("author").only(
                        "article_id", "position", "author__name"
                    ),
                ),
                Prefetch("revisions", queryset=last_revision[:1], to_attr="last_revisions"),
            )
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Article], search_term: str
    ) -> tuple[QuerySet[Article], bool]:
        """Stories matching every word in a headline, standfirst or byline (or body, if asked).

        Bylines are matched in a subquery over the short author table, so no join
        multiplies the rows and no DISTINCT is needed.
        """
        with_body = request.GET.get(BODY_VAR) == "1"
        filtered = len(queryset.query.where.children)
        for word in _words(search_term):
            bylined = ArticleAuthor.objects.filter(author__name__icontains=word)
            matches = (
                Q(title__icontains=word)
                | Q(dek__icontains=word)
                | Q(pk__in=bylined.values("article_id"))
            )
            if with_body:
                matches |= Q(body__icontains=word)
            queryset = queryset.filter(matches)
        return _tested_first(queryset, after=filtered), False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            context["story_views"] = state_views(request, context["cl"])
            context["search_body"] = request.GET.get(BODY_VAR) == "1"
            context["body_var"] = BODY_VAR
        return response

    # The columns ---------------------------------------------------------------------------

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, article: Article) -> SafeString:
        # Django renders a form widget's template for each row's box: a third of the time
        # the list takes to draw its 100 rows. The same markup, written out once:
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="Select this object for an action - {}">',
            helpers.ACTION_CHECKBOX_NAME, article.pk, article,
        )  # fmt: skip

    @admin.display(description="byline")
    def byline(self, article: Article) -> str:
        # Each name lists that author's stories: the filter for bylines without accounts.
        return format_html_join(
            ", ",
            '<a href="?{}">{}</a>',
            (
                (urlencode({AuthorFilter.parameter_name: link.author_id}), link.author.name)
                for link in article.authorships.all()
            ),
        )

    @admin.display(description="state", ordering="status")
    def state(self, article: Article) -> str:
        if article.state == "scheduled" and article.published_at:
            when = formats.date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")
            return f"Scheduled for {when}"
        return article.state_label

    @admin.display(description="section", ordering="category__name")
    def section(self, article: Article) -> str:
        return str(article.category)

    @admin.display(description="last changed", ordering="modified_at")
    def last_changed(self, article: Article) -> str:
        when = formats.date_format(timezone.localtime(article.modified_at), "DATETIME_FORMAT")
        revisions: list[Revision] = getattr(article, "last_revisions", [])
        by = revisions[0].by if revisions else None
        if by is None:
            return when
        return format_html("{}<br>by {}", when, person_name(by))


def _tested_first(queryset: QuerySet[Article], *, after: int) -> QuerySet[Article]:
    """Put the conditions added after the first ``after`` ahead of them in the WHERE clause.

    SQLite tests a WHERE clause's conditions in the order they are written, and a story's
    state is stored after its text, which runs on over pages of their own: testing the
    state first reads every story whole. With the search's words first, a story that
    does not match is read no further than its standfirst (a search with no match at
    100,000 stories: 97 ms against 230 ms). PostgreSQL orders them itself.
    """
    where = queryset.query.where
    if where.connector == AND and not where.negated and 0 < after < len(where.children):
        where.children = where.children[after:] + where.children[:after]
    return queryset


def _words(search_term: str) -> list[str]:
    """The words of a search, a "quoted phrase" counting as one (as Django's admin does)."""
    words = []
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        if bit:
            words.append(bit)
    return words
