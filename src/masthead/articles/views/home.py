"""The home page: lead story, latest stories, a block per top-level section, You missed.

Every teaser the front shows above You missed comes from one query: a UNION of small
searches, each walking an index and stopping after a LIMIT (the newest stories of the
whole site, the newest of each section, the story marked as the lead), read with what
a teaser prints, their bylines as rows of JSON. Which story goes where is then sorted
out in Python, among a few dozen rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.db.models import OuterRef
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpRequest, HttpResponseBase, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from masthead.articles import pagetags
from masthead.articles.models import Article, ArticleAuthor, Category
from masthead.articles.models.article import BYLINE_GIVEN, ArticleQuerySet
from masthead.articles.views.pages import BYLINE, byline_author, you_missed
from masthead.core import clock
from masthead.core.jsonrows import JSONRows, rows
from masthead.core.prepared import Prepared

LATEST = 7
PER_SECTION = 4
LEAD_CANDIDATES = 5
# SQLite refuses a UNION of more than 500 parts: a site with more categories than this
# gets one query per this many.
CATEGORIES_PER_QUERY = 200


@dataclass
class Front:
    """What the home page shows above You missed."""

    lead: Article | None = None
    latest: list[Article] = field(default_factory=list)
    sections: list[tuple[Category, list[Article]]] = field(default_factory=list)

    @property
    def shown(self) -> list[Article]:
        """Every story on the front, once per place it shows."""
        blocks = (a for _, block in self.sections for a in block)
        return [*([self.lead] if self.lead else []), *self.latest, *blocks]


class HomeView(View):
    """Lead story, latest stories, a block per top-level section, You missed."""

    template_name = "articles/home.html"

    def get(self, request: HttpRequest, page: str | None = None) -> HttpResponseBase:
        if "s" in request.GET:
            # WordPress searches at /?s=…; links and forms made for it land on our search.
            query = QueryDict(mutable=True)
            query["q"] = request.GET["s"]
            return redirect(f"{reverse('discovery:search')}?{query.urlencode()}", permanent=True)
        if page is not None:
            # The home page is not paginated; older stories live in the archives.
            if page != "1":
                raise Http404("No such page.")
            return redirect("articles:home", permanent=True)
        front = front_page()
        above = [a.pk for a in front.latest] + ([front.lead.pk] if front.lead else [])
        missed = you_missed(exclude=above)
        context = {
            "lead": front.lead,
            "latest": front.latest,
            "sections": front.sections,
            "you_missed": missed,
        }
        shown = [*front.shown, *missed]
        sections = (pagetags.section(c.pk) for c, _ in front.sections)
        pagetags.show(request, pagetags.HOME, pagetags.LATEST, *sections, *pagetags.teasers(shown))
        return render(request, self.template_name, context)


def front_page(at: datetime | None = None) -> Front:
    """The lead story, the latest stories and each top-level section's newest stories.

    Stories above may show again in a section block: every section keeps its block, as
    on a newspaper's section fronts.
    """
    at = at or clock.now()
    categories = SECTIONS.rows()
    lead_pk = marked_lead(at)
    stories = front_stories(at, [c.pk for c in categories], lead_pk)
    if not stories:
        return Front()
    # Each story's section is one of those just read: given, not read again with it.
    by_pk = {c.pk: c for c in categories}
    for story in stories:
        if story.category_id in by_pk:
            story.category = by_pk[story.category_id]
    # All are visible: the marked lead was checked in marked_lead(), the others in SQL.
    lead = next((a for a in stories if a.pk == lead_pk), None) or stories[0]
    front = Front(lead=lead, latest=[a for a in stories if a.pk != lead.pk][:LATEST])
    home_of = {c.pk: c.parent_id or c.pk for c in categories}
    blocks: dict[int, list[Article]] = {}
    for article in stories:
        blocks.setdefault(home_of[article.category_id], []).append(article)
    front.sections = [(c, blocks[c.pk][:PER_SECTION]) for c in categories if c.pk in blocks]
    return front


# The front's queries, each compiled once per process (``core.prepared``): compiling
# them cost a fifth of the page.
SECTIONS: Prepared[Category] = Prepared(lambda: Category.objects.order_by("position", "name"))
LEADS: Prepared[tuple[int, str, datetime | None]] = Prepared(
    lambda: (
        Article.objects.filter(is_lead=True)
        .order_by("-published_at")[:LEAD_CANDIDATES]
        .values_list("pk", "status", "published_at")
    )
)


def marked_lead(at: datetime) -> int | None:
    """The newest visible story marked as the lead, if any.

    The few lead rows are read through their partial index and checked for visibility
    in Python; a date filter in SQL would make SQLite walk every published story.
    """
    published = Article.Status.PUBLISHED
    rows = LEADS.rows()
    visible = (pk for pk, status, when in rows if status == published and when and when <= at)
    return next(visible, None)


def front_stories(at: datetime, categories: list[int], lead_pk: int | None) -> list[Article]:
    """The candidates for the front, newest first, with what their teasers print.

    The newest LATEST + 1 stories of the site, the newest PER_SECTION filed in each of
    ``categories`` (a section's block picks its newest among its own and its
    subsections') and the marked lead; a story in several of these comes once. Each
    story's byline comes with it, as rows of JSON.
    """
    found: dict[int, Article] = {}
    for start in range(0, max(len(categories), 1), CATEGORIES_PER_QUERY):
        first = start == 0
        lead = lead_pk if first else None
        chunk = tuple(categories[start : start + CATEGORIES_PER_QUERY])
        query = front_query(chunk, newest=first, with_lead=lead is not None)
        values = {"at": at} if lead is None else {"at": at, "lead": lead}
        found.update((a.pk, a) for a in query.rows(**values))
    stories = sorted(found.values(), key=lambda a: (a.published_at, a.pk), reverse=True)
    for story in stories:
        given = [byline_author(story, row) for row in rows(vars(story).pop("byline_rows"))]
        story.__dict__[BYLINE_GIVEN] = given
    return stories


@lru_cache(maxsize=4)
def front_query(categories: tuple[int, ...], *, newest: bool, with_lead: bool) -> Prepared[Article]:
    """The front's query for ``categories`` (and the ``newest`` and the lead, if asked):
    a UNION of one part per category. One part per category, not per section: each part
    then walks one index range in date order and stops after its LIMIT, where an IN
    over a section's categories sorts them all.

    Cached by the categories and whether a lead is marked, not by which: the lead and
    the time are the prepared query's values.
    """

    def build(at: datetime, lead: int | None = None) -> ArticleQuerySet:
        visible = Article.objects.published(at).newest_first().values("pk")
        parts = [_sql_of(visible[: LATEST + 1])] if newest else []
        if lead is not None:
            parts.append(_sql_of(Article.objects.filter(pk=lead).values("pk")))
        parts += _per_category(visible, list(categories), PER_SECTION)
        bylines = JSONRows(ArticleAuthor.objects.filter(article=OuterRef("pk")), **BYLINE)
        chosen = Article.objects.teasers(sections=False).filter(pk__in=_union_of(parts))
        return chosen.annotate(byline_rows=bylines)

    return Prepared(build, at=datetime, **({"lead": int} if with_lead else {}))


def _sql_of(queryset: Any) -> tuple[str, list[Any]]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _per_category(queryset: Any, categories: list[int], limit: int) -> list[tuple[str, list[Any]]]:
    """The first ``limit`` rows of ``queryset`` in each of ``categories``, as SQL parts.

    Compiled once: only the category differs between the parts, and Django's compiler
    costs as much as the database's work here (a tenth of the page for a dozen sections).
    """
    if not categories:
        return []
    first = categories[0]
    sql, params = _sql_of(queryset.filter(category_id=first)[:limit])
    # The status and the time are the other parameters (LIMIT is written in the SQL).
    spot = [i for i, value in enumerate(params) if value == first and isinstance(value, int)]
    if len(spot) != 1:  # pragma: no cover - a change in Django's SQL; compile each part
        return [_sql_of(queryset.filter(category_id=pk)[:limit]) for pk in categories]
    return [(sql, [*params[: spot[0]], pk, *params[spot[0] + 1 :]]) for pk in categories]


def _union_of(parts: list[tuple[str, list[Any]]]) -> RawSQL:
    """The rows of each of ``parts`` (SQL and parameters, each a LIMITed search), as SQL.

    Written by hand because Django cannot put a LIMIT in a UNION's parts on SQLite; each
    part is wrapped in a subquery, which both SQLite and PostgreSQL accept.
    """
    selects, params = [], []
    for number, (sql, part_params) in enumerate(parts):
        selects.append(f"SELECT * FROM ({sql}) AS part{number}")  # noqa: S608
        params.extend(part_params)
    # Only Django's own SQL goes in; every value stays a parameter.
    return RawSQL(" UNION ALL ".join(selects), params)  # noqa: S611
