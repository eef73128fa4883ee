"""What a public page shows, named by short tags, so caches can drop exactly the stale pages.

Public views and template tags name what they show with ``show(request, *tags)``; code
that changes what readers see without a model save (a rebuild, a bulk import) says which
tags went stale with ``stale(*tags)``. Both only send a signal (``page_shows``,
``pages_stale``): the page cache (``masthead.caching``) listens, tags the page being made
and purges the stale ones. The taxonomy, also in docs/caching.md:

==================  ==========================================================
``a:<id>``          an article: its page and every teaser of it
``s:<id>``          a section's name or description, where shown
``t:<id>``          a tag, where shown; ``p:<id>`` a person (author)
``ls:<id>``         the list of a section's stories (archive pages, feeds);
                    ``lt:<id>`` a tag's, ``lp:<id>`` an author's
``archive:<yyyy>``  the year's archive; ``archive:<yyyy>-<mm>`` a month's (and
                    its days)
``latest``          the newest stories: home, You missed, the site's feeds,
                    the news sitemap
``home``            the front page (its lead story and section blocks)
``sitemaps``        the sitemaps; ``search`` every search page
``c:<id>``          an article's approved comments (its page, its comment feed);
                    ``comments`` the site's comment feed
``r:<id>``          an article's related list; ``related`` every related list
``page:<id>``       a static page
``notfound``        404 pages (a publication may give them a page)
==================  ==========================================================

A change to the site's settings or menu shows on every page: it purges everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import wraps
from typing import Any

from django.http import HttpRequest

from masthead.articles import signals
from masthead.articles.models.article import loaded_byline

View = Callable[..., Any]

LATEST = "latest"
HOME = "home"
SITEMAPS = "sitemaps"
SEARCH = "search"
COMMENTS = "comments"
RELATED = "related"
NOTFOUND = "notfound"
EVERYTHING = "*"  # every page: the site's settings changed, rows went in without signals


def show(request: HttpRequest | None, *tags: str) -> None:
    """Say that the page being made for ``request`` shows ``tags``."""
    if request is not None and tags:
        signals.page_shows.send(sender=None, request=request, tags=tags)


def stale(*tags: str) -> None:
    """Say that the pages showing any of ``tags`` are stale (call it after the commit)."""
    if tags:
        signals.pages_stale.send(sender=None, tags=frozenset(tags))


def article(pk: int) -> str:
    return f"a:{pk}"


def section(pk: int) -> str:
    return f"s:{pk}"


def tag(pk: int) -> str:
    return f"t:{pk}"


def person(pk: int) -> str:
    return f"p:{pk}"


def static_page(pk: int) -> str:
    return f"page:{pk}"


def comments_of(article_pk: int) -> str:
    return f"c:{article_pk}"


def related_of(article_pk: int) -> str:
    return f"r:{article_pk}"


def list_of(subject: Any) -> str:
    """The tag of the story list of a section, tag or author (``ls:``, ``lt:``, ``lp:``)."""
    kind = {"category": "ls", "tag": "lt", "author": "lp"}[subject._meta.model_name]
    return f"{kind}:{subject.pk}"


def archives(day: date) -> list[str]:
    """The date archives a story published on ``day`` appears in."""
    return [f"archive:{day.year:04d}", f"archive:{day.year:04d}-{day.month:02d}"]


def month(day: date) -> str:
    return f"archive:{day.year:04d}-{day.month:02d}"


def teasers(articles: Iterable[Any]) -> set[str]:
    """What teasers of ``articles`` show: each story, its section and its byline.

    Reads nothing: the byline counts only where it was read with the stories
    (``BYLINE_GIVEN``, or ``for_listing()``'s prefetch); sections come from the ids
    already loaded (a deferred one is not read).
    """
    found: set[str] = set()
    for item in articles:
        found.add(article(item.pk))
        if item.__dict__.get("category_id"):
            found.add(section(item.category_id))
            parent = getattr(_loaded(item, "category"), "parent_id", None)
            if parent:
                found.add(section(parent))
        byline = loaded_byline(item)
        if byline is not None:
            found.update(person(author.pk) for author in byline)
    return found


def story(item: Any) -> set[str]:
    """What an article's own page shows of it: the story, its filing, tags and byline."""
    found = teasers([item]) | {comments_of(item.pk), related_of(item.pk), RELATED}
    found.update(tag(t.pk) for t in item.tags.all())  # prefetched by the article page
    return found


def _loaded(instance: Any, field: str) -> Any:
    """The related object ``field`` if it was loaded with ``instance``, else None."""
    return instance._state.fields_cache.get(field)


def tagged(*tags: str) -> Callable[[View], View]:
    """A view decorator: every page the view makes shows ``tags`` (sitemaps, say)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def tagged_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            show(request, *tags)
            return view(request, *args, **kwargs)

        return tagged_view

    return decorate
