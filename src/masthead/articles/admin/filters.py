"""The story list's filters: by workflow state, "mine", byline author and section.

Each asks the database a bounded question however large the archive: the states are a
fixed list, the authors those with accounts (the newsroom, not every imported byline),
the sections a short table read in one query.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest

from masthead.articles.models import Article, ArticleAuthor, Author, Category
from masthead.core import clock

Status = Article.Status
# The workflow's views, in the order a story goes through them; "scheduled" is derived.
STATES = [
    (Status.DRAFT.value, "Drafts"),
    (Status.REVIEW.value, "In review"),
    ("scheduled", "Scheduled"),
    (Status.PUBLISHED.value, "Published"),
    (Status.UNPUBLISHED.value, "Unpublished"),
    (Status.TRASH.value, "Trash"),
]
EVERYTHING = "all"


class StateFilter(admin.SimpleListFilter):
    """Stories in one workflow state; with none chosen, every story but the trash."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [*STATES, (EVERYTHING, "Everything, trash too")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value is None:
            return queryset.exclude(status=Status.TRASH)
        if value == EVERYTHING:
            return queryset
        if value not in dict(STATES):
            return queryset.none()
        return queryset.in_state(value)  # type: ignore[attr-defined]

    def choices(self, changelist: Any) -> Iterator[Any]:
        choices = super().choices(changelist)
        everything_but_trash = next(choices)  # Django's "All", which here it is not
        yield {**everything_but_trash, "display": "All but the trash"}
        yield from choices


class MineFilter(admin.SimpleListFilter):
    """The signed-in user's stories: those they started or have a byline on."""

    title = "whose"
    parameter_name = "mine"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("1", "Mine")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() != "1":
            return queryset
        return queryset.mine(request.user, paged=True)  # type: ignore[attr-defined]


class AuthorFilter(admin.SimpleListFilter):
    """Stories with one author in their byline, offered among the newsroom's accounts.

    An imported archive can hold thousands of bylines, so the choices are the authors
    tied to an account (at most ``SHOWN``); any other is reached from the byline names
    in the list's rows, which link to ``?author=<id>``.
    """

    title = "author"
    parameter_name = "author"
    SHOWN = 40

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        staff = Author.objects.filter(user__isnull=False).order_by("name")
        choices = list(staff.values_list("pk", "name")[: self.SHOWN])
        chosen = self.chosen_id()
        if chosen is not None and chosen not in {pk for pk, _ in choices}:
            choices += list(Author.objects.filter(pk=chosen).values_list("pk", "name"))
        return [(str(pk), name) for pk, name in choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() is None:
            return queryset
        chosen = self.chosen_id()
        if chosen is None:
            return queryset.none()
        # EXISTS, not IN: the page is read along the list's index, each row's byline looked
        # up, and the reading stops after a page (SQLite read all 15,000 and sorted them).
        bylined = ArticleAuthor.objects.filter(article=OuterRef("pk"), author_id=chosen)
        return queryset.filter(Exists(bylined))

    def chosen_id(self) -> int | None:
        """The chosen author's id, or None when there is none or it is not a number."""
        value = self.value()
        return int(value) if value and value.isdigit() else None


class SectionFilter(admin.RelatedFieldListFilter):
    """Stories in one section, named "Parent › Child" from one query."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.title = "section"  # the newsroom's word; the field's is "category"

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        # Category's name includes its parent's: read them together, not one per section.
        sections = Category.objects.select_related("parent")
        # Each section followed by its subsections, in the home page's order.
        ordered = sorted(
            sections,
            key=lambda s: (s.top.position, s.top.name, s.parent_id is not None, s.position, s.name),
        )
        return [(section.pk, str(section)) for section in ordered]


def state_counts() -> dict[str, int]:
    """How many stories are in each state, in one pass over the (status, published_at) index."""
    now = clock.now()
    # The same split as ``Article.objects.in_state``: published means visible now.
    conditions = {value: Q(status=value) for value, _ in STATES if value != "scheduled"}
    conditions["scheduled"] = Q(status=Status.PUBLISHED, published_at__gt=now)
    conditions[Status.PUBLISHED.value] = Q(status=Status.PUBLISHED, published_at__lte=now)
    counts = {value: Count("pk", filter=condition) for value, condition in conditions.items()}
    return Article.objects.order_by().aggregate(**counts)


def state_views(request: HttpRequest, changelist: Any) -> list[dict[str, Any]]:
    """The list's views, one per state and "Mine", each with its link and how many it holds.

    A view starts afresh: it keeps the search but drops the other filters and the page.
    """
    counts = state_counts()
    chosen = request.GET.get(StateFilter.parameter_name)
    mine = request.GET.get(MineFilter.parameter_name) == "1"
    keep = {"q": changelist.query} if changelist.query else {}
    views = [_view("All", keep, current=chosen is None and not mine)]
    for value, label in STATES:
        state = {StateFilter.parameter_name: value}
        views.append(_view(label, {**keep, **state}, counts[value], current=chosen == value))
    views.append(_view("Mine", {**keep, MineFilter.parameter_name: "1"}, current=mine))
    return views


def _view(label: str, query: dict[str, str], count: int | None = None, *, current: bool):
    return {"label": label, "url": "?" + urlencode(query), "count": count, "current": current}


class LanguageFilter(admin.SimpleListFilter):
    """Stories in one language, offered among the languages of the stories changed last.

    Django's own filter asks for the distinct languages of the whole archive, which reads
    every row (a quarter of a second at 100,000 stories on either database); the latest
    ``RECENT`` come from the list's own index. Any other language is reached with
    ``?language=<code>``.
    """

    title = "language"
    parameter_name = "language"
    RECENT = 1000

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        latest = Article.objects.order_by("-modified_at", "-pk").values_list("language", flat=True)
        codes = sorted({code for code in latest[: self.RECENT] if code})
        if (chosen := self.value()) and chosen not in codes:
            codes.append(chosen)
        return [(code, code) for code in codes]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        return queryset if value is None else queryset.filter(language=value)
