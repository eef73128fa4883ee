"""The home page and the article page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from masthead.articles import pagetags, rail
from masthead.articles.models import Article, ArticleAuthor, Category
from masthead.articles.models.article import ArticleQuerySet

YOU_MISSED = 4
LATEST = 7
PER_SECTION = 4
LEAD_CANDIDATES = 5


def you_missed(*, exclude: list[int]) -> list[Article]:
    """The newest published articles not already on the page.

    They come from the newest stories every page shares (``rail.newest``), read once per
    change to the site; only a page that shows most of those already asks the database.
    """
    shown, newest = set(exclude), rail.newest()
    chosen = [a for a in newest if a.pk not in shown][:YOU_MISSED]
    if len(chosen) == YOU_MISSED or len(newest) < rail.KEEP:
        return chosen
    return list(
        Article.objects.published().exclude(pk__in=exclude).teasers().newest_first()[:YOU_MISSED]
    )


def parse_day(year: str, month: str, day: str) -> date:
    """The date in a URL, or 404 for an impossible one (``/2025/02/30/``)."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise Http404("No such date.") from None


def article_page(request: HttpRequest, year: str, month: str, day: str, slug: str) -> HttpResponse:
    """The article at ``/<yyyy>/<mm>/<dd>/<slug>/``."""
    return render_article_page(request, find_article(year, month, day, slug))


def find_article(year: str, month: str, day: str, slug: str) -> Article:
    """The visible article at that date and slug, or 404."""
    queryset = for_article_page(Article.objects.published())
    return get_object_or_404(queryset, pub_date=parse_day(year, month, day), slug=slug)


def for_article_page(queryset: ArticleQuerySet) -> ArticleQuerySet:
    """``queryset`` with what the article page shows of a story: its filing and byline.

    ``has_translations`` (a subquery on the translation index) spares most stories, which
    have none, the query for their translations.
    """
    translated = Article.objects.filter(translation_of=OuterRef("pk"))
    return (
        queryset.select_related("category__parent", "featured_image", "source")
        .annotate(has_translations=Exists(translated))
        .prefetch_related(
            Prefetch("authorships", queryset=ArticleAuthor.objects.select_related("author")),
            "tags",
        )
    )


def render_article_page(
    request: HttpRequest,
    article: Article,
    *,
    status: int = 200,
    template_name: str = "articles/article.html",
    **extra: Any,
) -> HttpResponse:
    """Render ``article``'s page; ``extra`` reaches the template (e.g. a bound comment form).

    The preview (``views.preview``) renders the same page with a template that extends
    this one's, so a story looks the same before and after it is published.
    """
    context = {
        "article": article,
        "translations": translations_of(article),
        "you_missed": you_missed(exclude=[article.pk]),
        **extra,
    }
    linked = (pagetags.article(t.pk) for t in context["translations"])  # linked by language
    shown = pagetags.teasers(context["you_missed"])
    pagetags.show(request, pagetags.LATEST, *pagetags.story(article), *linked, *shown)
    return render(request, template_name, context, status=status)


def translations_of(article: Article) -> list[Article]:
    """The visible translations of ``article``, its original included.

    Visibility is checked in Python: the set is tiny, and filtering it in SQL makes
    SQLite scan every published article instead of using the translation index.
    """
    # Read without ``for_article_page`` (the comment form's view), a story is asked.
    if not (article.translation_of_id or getattr(article, "has_translations", True)):
        return []
    original_id = article.translation_of_id or article.pk
    # No ORDER BY and no exclusion in SQL: either makes SQLite scan instead of using the
    # two indexes behind the OR.
    family = (
        Article.objects.filter(Q(pk=original_id) | Q(translation_of_id=original_id))
        .only("title", "slug", "pub_date", "language", "published_at", "status")
        .order_by()
    )
    others = (o for o in family if o.pk != article.pk and o.is_visible)
    return sorted(others, key=lambda o: (o.language, o.pk))


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
        visible = Article.objects.published().for_listing().newest_first()
        lead = lead_story() or visible.first()
        latest = list(visible.exclude(pk__in=[lead.pk] if lead else [])[:LATEST])
        shown = [a.pk for a in latest] + ([lead.pk] if lead else [])
        context = {
            "lead": lead,
            "latest": latest,
            "sections": section_blocks(),
            "you_missed": you_missed(exclude=shown),
        }
        self.tag(request, context)
        return render(request, self.template_name, context)

    @staticmethod
    def tag(request: HttpRequest, context: dict[str, Any]) -> None:
        """Name what the front page shows: the newest stories, each section's block."""
        blocks = context["sections"]
        shown = [*context["latest"], *context["you_missed"], *(a for _, b in blocks for a in b)]
        if context["lead"]:
            shown.append(context["lead"])
        sections = (pagetags.section(c.pk) for c, _ in blocks)
        pagetags.show(request, pagetags.HOME, pagetags.LATEST, *sections, *pagetags.teasers(shown))


def lead_story() -> Article | None:
    """The newest visible article marked as the lead story, if any.

    The few lead rows are read through their partial index and checked for visibility
    in Python; a date filter in SQL would make SQLite walk every published story.
    """
    leads = Article.objects.filter(is_lead=True).order_by("-published_at")[:LEAD_CANDIDATES]
    lead = next((a for a in leads.only("pk", "status", "published_at") if a.is_visible), None)
    return Article.objects.for_listing().get(pk=lead.pk) if lead else None


# SQLite refuses a UNION of more than 500 parts: a site with more sections than this
# gets one query per this many.
SECTIONS_PER_QUERY = 200


def section_blocks() -> list[tuple[Category, list[Article]]]:
    """Each top-level section with its newest stories.

    One query picks each section's newest PER_SECTION stories, each through the section
    index and a LIMIT (a UNION of one small search per section), and reads them with
    what a teaser needs. Stories above may show again here: every section keeps its
    block, as on a newspaper's section fronts.
    """
    sections = list(Category.objects.order_by("position", "name"))
    members: dict[int, list[int]] = {c.pk: [c.pk] for c in sections if c.parent_id is None}
    home_of = {c.pk: c.parent_id or c.pk for c in sections}
    for category in sections:
        if category.parent_id in members:
            members[category.parent_id].append(category.pk)
    if not members:
        return []
    newest = [
        Article.objects.published().filter(category_id__in=ids).newest_first().values("pk")
        for ids in members.values()
    ]
    found: dict[int, list[Article]] = {}
    for start in range(0, len(newest), SECTIONS_PER_QUERY):
        chosen = _union_of(newest[start : start + SECTIONS_PER_QUERY], PER_SECTION)
        for article in Article.objects.for_listing().filter(pk__in=chosen):
            found.setdefault(home_of[article.category_id], []).append(article)
    blocks = [(c, found[c.pk]) for c in sections if c.pk in found]
    for _, articles in blocks:
        articles.sort(key=lambda a: (a.published_at, a.pk), reverse=True)
    return blocks


def _union_of(querysets: list[Any], limit: int) -> RawSQL:
    """The primary keys of the first ``limit`` rows of each of ``querysets``, as SQL.

    Written by hand because Django cannot put a LIMIT in a UNION's parts on SQLite; each
    part is wrapped in a subquery, which both SQLite and PostgreSQL accept.
    """
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        sql, part_params = queryset[:limit].query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS part{number}")  # noqa: S608
        params.extend(part_params)
    # Only Django's own SQL goes in; every value stays a parameter.
    return RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611
