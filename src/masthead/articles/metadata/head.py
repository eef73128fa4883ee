"""What each public page says about itself in its ``<head>``, one builder per page.

A builder takes the site and the objects the view already loaded, and returns a
``Head``: the meta description, the canonical URL, OpenGraph and Twitter card
properties in print order, and the page's JSON-LD items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from masthead.articles.metadata import jsonld
from masthead.articles.metadata.parts import Picture, Site, describe, iso, og_locale, social_picture
from masthead.articles.models import Author, Category, Tag


@dataclass(frozen=True)
class Head:
    """A page's description, canonical URL, cards and structured data."""

    description: str
    canonical: str = ""
    opengraph: list[tuple[str, str]] = field(default_factory=list)
    twitter: list[tuple[str, str]] = field(default_factory=list)
    jsonld: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Listing:
    """Which page of a listing this is, and the articles on it."""

    articles: Sequence[Any]
    number: int = 1
    first: int = 1  # the position of the page's first article in the whole listing


def site_description(site: Site) -> str:
    """The site's tagline, else a sentence naming it."""
    return describe(site.tagline, f"The latest news from {site.name}.")


def cards(
    site: Site,
    *,
    kind: str,
    title: str,
    description: str,
    url: str = "",
    locale: str = "",
    picture: Picture | None = None,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The OpenGraph and Twitter properties every page shares, in print order."""
    og = [("og:site_name", site.name), ("og:type", kind), ("og:title", title)]
    og.append(("og:description", description))
    if url:
        og.append(("og:url", url))
    og.append(("og:locale", og_locale(locale or site.language)))
    twitter = [("twitter:card", "summary_large_image" if picture else "summary")]
    twitter += [("twitter:title", title), ("twitter:description", description)]
    if picture:
        size = [("og:image:width", str(picture.width)), ("og:image:height", str(picture.height))]
        og += [("og:image", picture.url), *size, ("og:image:alt", picture.alt)]
        twitter += [("twitter:image", picture.url), ("twitter:image:alt", picture.alt)]
    return og, twitter


def for_page(site: Site, *, title: str = "", description: str = "") -> Head:
    """A page that is not worth indexing on its own (404, search): no canonical URL."""
    description = description or site_description(site)
    og, twitter = cards(site, kind="website", title=title or site.name, description=description)
    return Head(description, opengraph=og, twitter=twitter)


def for_search(site: Site) -> Head:
    """The search page."""
    return for_page(site, title="Search", description=f"Search the stories of {site.name}.")


def for_home(site: Site) -> Head:
    """The front page: the site, its search box and its publisher."""
    description = site_description(site)
    og, twitter = cards(
        site, kind="website", title=site.name, description=description, url=site.home
    )
    items = [jsonld.website(site, description=description), jsonld.organization(site)]
    return Head(description, site.home, og, twitter, items)


def for_article(
    site: Site, article: Any, *, tags: Sequence[Any], translations: Sequence[Any] = ()
) -> Head:
    """An article: its cards, a NewsArticle and the breadcrumbs to it."""
    url = site.absolute(article.get_absolute_url())
    description = describe(article.dek or article.excerpt, site_description(site))
    og, twitter = cards(
        site, kind="article", title=article.title, description=description, url=url,
        locale=article.language, picture=social_picture(article.featured_image, site),
    )  # fmt: skip
    own = og_locale(article.language or site.language)
    others = {og_locale(t.language or site.language) for t in translations} - {own}
    og += [("og:locale:alternate", locale) for locale in sorted(others)]
    og += _article_properties(site, article, tags)
    trail = [(c.name, site.absolute(c.get_absolute_url())) for c in _sections(article.category)]
    items = [
        jsonld.news_article(site, article, url=url, description=description, tags=tags),
        jsonld.breadcrumbs(site, [*trail, (article.title, url)]),
    ]
    return Head(description, url, og, twitter, items)


def _article_properties(site: Site, article: Any, tags: Sequence[Any]) -> list[tuple[str, str]]:
    modified = article.content_updated_at or article.published_at
    return [
        ("article:published_time", iso(article.published_at)),
        ("article:modified_time", iso(modified)),
        ("article:section", article.category.name),
        *(("article:tag", tag.name) for tag in tags),
        *(("article:author", site.absolute(a.get_absolute_url())) for a in article.byline),
    ]


def _sections(category: Category) -> list[Category]:
    """The section, then the subsection when the category is one."""
    return [category.parent, category] if category.parent_id and category.parent else [category]


def for_archive(site: Site, subject: Any, *, heading: str, path: str, listing: Listing) -> Head:
    """A section, tag or date archive, canonical to the page it is on."""
    url = site.absolute(path)
    title = _paged(heading, listing.number)
    description = _paged_description(archive_description(site, subject), listing.number)
    og, twitter = cards(site, kind="website", title=title, description=description, url=url)
    page = jsonld.collection_page(
        site, name=title, url=url, description=description,
        articles=listing.articles, first=listing.first,
    )  # fmt: skip
    return Head(description, url, og, twitter, [page])


def archive_description(site: Site, subject: Any) -> str:
    """The section's own description, else a sentence naming what is listed."""
    if isinstance(subject, Category):
        return describe(subject.description, f"Stories in the {subject} section of {site.name}.")
    if isinstance(subject, Tag):
        return f"Stories tagged “{subject.name}” on {site.name}."
    if isinstance(subject, Author):
        return author_description(site, subject)
    # A date archive: one day, or a month or year.
    on = "on" if subject.first == subject.last else "in"
    return f"Stories published on {site.name} {on} {subject}."


def author_description(site: Site, author: Author) -> str:
    """The author's bio, else their role, else a sentence naming them."""
    if author.role:
        fallback = f"{author.name}, {author.role}, writes for {site.name}."
    else:
        fallback = f"Stories by {author.name} on {site.name}."
    return describe(author.bio, fallback)


def for_author(site: Site, author: Author, *, path: str, listing: Listing) -> Head:
    """An author's page: a profile card and a ProfilePage with the Person."""
    url = site.absolute(path)
    description = _paged_description(author_description(site, author), listing.number)
    title = _paged(author.name, listing.number)
    og, twitter = cards(site, kind="profile", title=title, description=description, url=url)
    return Head(description, url, og, twitter, [jsonld.profile_page(site, author, url=url)])


def _paged(title: str, number: int) -> str:
    return f"{title} – page {number}" if number > 1 else title


def _paged_description(description: str, number: int) -> str:
    # Each page of a listing gets its own description, as search engines ask.
    return f"{description} Page {number}." if number > 1 else description
