"""Which addresses a static publish renders: every public page, feed and sitemap.

``everything()`` walks the whole site from the database: the home page, each published
article and its comment feed, the archives (sections, tags, authors, years, months and
days that have stories) with their feeds, the static pages, the site's feeds, the
sitemaps, robots.txt and the icon. A listing is given once; the publisher follows its
``page/<n>/`` pages until one answers 404, so page counts are the app's own. The sitemap
index is followed the same way: each section it lists is rendered too.

``narrowed(entries, changed)`` is the walk cut down to the pages a change can touch:
those whose recorded tags (``masthead.caching.tags``, collected while the page was
rendered) meet ``changed``, plus the changed articles' own pages, which may be new. A
page that recorded no tags is always a candidate, so the narrowed walk is never less
correct than the full one; it is only as narrow as the pages' tags are exact. New
sections, tags, authors, dates and static pages are found by the full walk only.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from masthead.articles.models import Article, Author, Category, Page, Tag

# A path no page can have (slugs hold no dot): its answer is the site's 404 page.
MISSING = "/masthead-publish.not-found/"
NOT_FOUND_FILE = "404.html"


@dataclass(frozen=True)
class Candidate:
    """An address to render; ``paginated`` listings continue at ``page/2/`` and on."""

    path: str
    paginated: bool = False
    follow_sitemap: bool = False


def everything() -> Iterator[Candidate]:
    """The whole public site, cheapest lookups first, articles last."""
    yield Candidate("/")
    yield from feeds_of("site")
    yield Candidate(reverse("feeds:sitemap-index"), follow_sitemap=True)
    yield Candidate(reverse("feeds:news-sitemap"))
    yield Candidate(reverse("feeds:robots"))
    yield Candidate(reverse("articles:favicon"))
    yield from sections()
    yield from subjects(Tag.objects.order_by("pk"), "tag")
    yield from subjects(Author.objects.order_by("pk"), "author")
    yield from dates()
    for page in Page.objects.published().order_by("pk").only("slug"):
        yield Candidate(page.get_absolute_url())
    yield from articles(Article.objects.published())


def feeds_of(subject: str, slug: str | None = None) -> Iterator[Candidate]:
    """The RSS, Atom and JSON feeds of a listing (``feeds:<subject>-<format>``)."""
    kwargs = {"slug": slug} if slug is not None else {}
    for kind in ("rss", "atom", "json"):
        yield Candidate(reverse(f"feeds:{subject}-{kind}", kwargs=kwargs))


def sections() -> Iterator[Candidate]:
    for category in Category.objects.order_by("pk").only("slug"):
        yield Candidate(category.get_absolute_url(), paginated=True)
        yield from feeds_of("category", category.slug)


def subjects(rows: object, name: str) -> Iterator[Candidate]:
    """The archive and feeds of each tag or author."""
    for row in rows.only("slug"):  # type: ignore[attr-defined]
        yield Candidate(row.get_absolute_url(), paginated=True)
        yield from feeds_of(name, row.slug)


def dates() -> Iterator[Candidate]:
    """The year, month and day archives that list at least one story."""
    days = Article.objects.published().order_by("pub_date").values_list("pub_date", flat=True)
    seen: set[str] = set()
    for day in days.distinct():
        if day is None:
            continue
        for path in (f"/{day:%Y}/", f"/{day:%Y/%m}/", f"/{day:%Y/%m/%d}/"):
            if path not in seen:
                seen.add(path)
                yield Candidate(path, paginated=True)


def articles(rows: object) -> Iterator[Candidate]:
    """Each article's page and its comment feed."""
    fields = ("slug", "pub_date", "published_at")
    for article in rows.order_by("pk").only(*fields).iterator(chunk_size=2000):  # type: ignore[attr-defined]
        url = article.get_absolute_url()
        yield Candidate(url)
        yield Candidate(f"{url}feed/")


def narrowed(entries: dict[str, dict[str, Any]], changed: Collection[str]) -> list[Candidate]:
    """The published pages that showed anything in ``changed``, and changed articles' pages.

    ``entries`` is the manifest's. A page that recorded no tags cannot be ruled out, so it
    is a candidate too; a page of a listing brings the whole listing (it may have grown or
    shrunk). Tags of the form ``a:<id>`` also bring that article's page and comment feed,
    which may not have been published before.
    """
    wanted, found = set(changed), dict[str, Candidate]()
    for path, entry in entries.items():
        if "tags" not in entry:
            continue  # a static file, not a page
        if entry["tags"] and not wanted.intersection(entry["tags"]):
            continue
        listing = entry.get("listing")
        found.setdefault(listing or path, Candidate(listing or path, paginated=bool(listing)))
    ids = [int(tag[2:]) for tag in wanted if tag.startswith("a:") and tag[2:].isdigit()]
    for candidate in articles(Article.objects.published().filter(pk__in=ids)):
        found.setdefault(candidate.path, candidate)
    return sorted(found.values(), key=lambda c: c.path)
