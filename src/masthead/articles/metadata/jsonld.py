"""schema.org structured data as plain dicts, and their safe serialisation.

Every builder returns one top-level JSON-LD item with its own ``@context``; a page
prints each in its own ``<script type="application/ld+json">``. All URLs are absolute.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from masthead.articles.metadata.parts import Site, iso, picture_at_least
from masthead.articles.renditions import LARGE

CONTEXT = "https://schema.org"
# Inside <script>, "</script>" or "<!--" in a headline would end or derail the element;
# escaped as JSON \u sequences they mean the same to a JSON parser and nothing to HTML.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def serialise(data: Any) -> str:
    """``data`` as JSON that can sit inside a ``<script>`` element unchanged."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def organization(site: Site) -> dict[str, Any]:
    """The publisher: the site's name, front page and logo."""
    return {"@context": CONTEXT, **_publisher(site)}


def _publisher(site: Site) -> dict[str, Any]:
    logo: dict[str, Any] = {"@type": "ImageObject", "url": site.logo_url}
    if site.logo_size:
        logo["width"], logo["height"] = site.logo_size
    return {
        "@type": "Organization",
        "@id": f"{site.home}#publisher",
        "name": site.name,
        "url": site.home,
        "logo": logo,
    }


def website(site: Site, *, description: str) -> dict[str, Any]:
    """The site as a WebSite, with the search box search engines may offer for it."""
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": f"{site.home}#website",
        "name": site.name,
        "url": site.home,
        "description": description,
        "inLanguage": site.language,
        "publisher": {"@id": f"{site.home}#publisher"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{site.absolute(site.search_path)}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def _website_ref(site: Site) -> dict[str, Any]:
    return {"@type": "WebSite", "@id": f"{site.home}#website", "name": site.name, "url": site.home}


def _person(site: Site, author: Any) -> dict[str, Any]:
    return {"@type": "Person", "name": author.name, "url": site.absolute(author.get_absolute_url())}


def news_article(
    site: Site, article: Any, *, url: str, description: str, tags: Sequence[Any]
) -> dict[str, Any]:
    """A NewsArticle for ``article``, whose page is at ``url``."""
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": article.title,
        "description": description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso(article.published_at),
        "dateModified": iso(article.content_updated_at or article.published_at),
        "inLanguage": article.language or site.language,
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in tags],
        "author": [_person(site, author) for author in article.byline],
        "publisher": _publisher(site),
        "isAccessibleForFree": True,
    }
    # Google asks for article images at least this wide; narrower ones are left out
    # of the structured data (social cards still show them).
    picture = picture_at_least(article.featured_image, LARGE, site)
    if picture:
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": picture.url,
                "width": picture.width,
                "height": picture.height,
            }
        ]
    if article.source_id:
        data["isBasedOn"] = article.source_url or article.source.home_url
    return data


def breadcrumbs(site: Site, trail: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """A BreadcrumbList from the front page along ``trail`` of (name, absolute URL)."""
    steps = [(site.name, site.home), *trail]
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(steps, start=1)
        ],
    }


def collection_page(
    site: Site, *, name: str, url: str, description: str, articles: Sequence[Any], first: int
) -> dict[str, Any]:
    """A listing page: the articles on it as an ItemList numbered from ``first``."""
    return {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": name,
        "url": url,
        "description": description,
        "inLanguage": site.language,
        "isPartOf": _website_ref(site),
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": n,
                    "name": a.title,
                    "url": site.absolute(a.get_absolute_url()),
                }
                for n, a in enumerate(articles, start=first)
            ],
        },
    }


def profile_page(site: Site, author: Any, *, url: str) -> dict[str, Any]:
    """An author's page: a ProfilePage whose main entity is the Person."""
    person = _person(site, author)
    if author.bio:
        person["description"] = " ".join(author.bio.split())
    if author.role:
        person["jobTitle"] = author.role
    if author.avatar:
        person["image"] = site.absolute(author.avatar.url)
    return {
        "@context": CONTEXT,
        "@type": "ProfilePage",
        "url": url,
        "name": author.name,
        "isPartOf": _website_ref(site),
        "mainEntity": person,
    }
