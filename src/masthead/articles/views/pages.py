"""The article page, and the You missed rail it shares with the home page."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

from django.db.models import Exists, F, Model, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from masthead.articles import pagetags, rail
from masthead.articles.models import Article, ArticleAuthor, Author, Tag
from masthead.articles.models.article import ArticleQuerySet
from masthead.core import clock
from masthead.core.jsonrows import JSONRows, rows
from masthead.core.prepared import Prepared

YOU_MISSED = 4

M = TypeVar("M", bound=Model)


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
    found = PAGE_STORY.rows(at=clock.now(), day=parse_day(year, month, day), slug=slug)
    if not found:
        raise Http404("No such story.")
    return with_byline_and_tags(found[0])


@cache
def page_stories() -> ArticleQuerySet:
    """Stories with what the article page shows of them: their filing, and their byline
    and tags as rows of JSON (``with_byline_and_tags`` makes them models), in one query.

    Built once per process, as building it costs more than asking the database: callers
    chain it (``page_stories().filter(pk=pk)``) and never read it as it is, which would
    keep its rows. ``has_translations`` (a subquery on the translation index) spares most
    stories, which have none, the query for their translations.
    """
    translated = Article.objects.filter(translation_of=OuterRef("pk"))
    return Article.objects.select_related("category__parent", "featured_image", "source").annotate(
        has_translations=Exists(translated),
        byline_rows=JSONRows(ArticleAuthor.objects.filter(article=OuterRef("pk")), **BYLINE),
        tag_rows=JSONRows(Tag.objects.filter(articles=OuterRef("pk")), **TAG),
    )


# The story at a date and slug (unique together), compiled once: compiling this query
# cost more than running it.
PAGE_STORY: Prepared[Article] = Prepared(
    lambda at, day, slug: page_stories().published(at).filter(pub_date=day, slug=slug)[:1],
    at=datetime,
    day=date,
    slug=str,
)

AUTHOR_FIELDS = ("id", "user_id", "name", "slug", "role", "bio", "avatar")
BYLINE = {
    "id": F("id"),
    "position": F("position"),
    **{f"author_{name}": F(f"author__{name}") for name in AUTHOR_FIELDS},
}
TAG = {"id": F("id"), "name": F("name"), "slug": F("slug")}


def with_byline_and_tags(article: Article) -> Article:
    """``article`` holding the authorships and tags ``page_stories`` read as rows, as
    ``prefetch_related`` would leave them: ``article.byline`` and ``article.tags.all()``
    ask no query."""
    read = vars(article)
    links = [byline_link(article, row) for row in rows(read["byline_rows"])]
    tags = [made(Tag, article, row) for row in rows(read["tag_rows"])]
    cache = read.setdefault("_prefetched_objects_cache", {})
    for name, found in (("authorships", links), ("tags", tags)):
        queryset = getattr(article, name).get_queryset()
        queryset._result_cache, queryset._prefetch_done = found, True
        cache[name] = queryset
    return article


def byline_link(article: Article, row: dict[str, Any]) -> ArticleAuthor:
    """One authorship of ``article`` from its row, with its author."""
    author = byline_author(article, row)
    link = made(ArticleAuthor, article, {**row, "article_id": article.pk, "author_id": author.pk})
    link.article, link.author = article, author
    return link


def byline_author(article: Article, row: dict[str, Any]) -> Author:
    """The author in one row of ``article``'s byline, taking their columns out of it."""
    own = [key for key in row if key.startswith("author_")]
    return made(Author, article, {key.removeprefix("author_"): row.pop(key) for key in own})


def made(model: type[M], article: Article, row: dict[str, Any]) -> M:
    """A ``model`` instance read from ``row``, from the database ``article`` came from.

    ``from_db`` takes a full row in the model's field order, which a JSON object does not
    keep (PostgreSQL's ``jsonb`` sorts its keys).
    """
    names = [f.attname for f in model._meta.concrete_fields if f.attname in row]
    return model.from_db(article._state.db, names, [row[name] for name in names])


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
    # Read without ``page_stories`` (the comment form's view), a story is asked.
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
