"""The search page, ``/search/?q=…``: ranked results with snippets, filters and pages.

Pages are ``?page=N``: the parameters are already in the query string, and a page of a
search is not a place anyone links to (the page says ``noindex``). A page number that
is not a whole number above zero shows page 1, one past the end shows the last page:
``Paginator.get_page`` decides, and a bad ``?page=`` never answers 404 or 500.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, overload

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views import View

from masthead.articles import pagetags
from masthead.articles.models import Article, SiteSettings
from masthead.discovery.search.backends import Hit, SearchBackend, SearchPage, get_backend
from masthead.discovery.search.forms import Choices, SearchForm
from masthead.discovery.search.query import MAX_LENGTH, SearchQuery

# A page number past this is read as "past the end" (and shows the last page).
MAX_PAGE = 10_000
_NUMBER = re.compile(r"[0-9]{1,100}")


class Results:
    """A search's results as the lazy sequence ``Paginator`` expects.

    The wanted page's window is searched first, so counting and showing a page cost one
    backend search; only a page past the end costs a second one (for the last page).
    """

    def __init__(self, backend: SearchBackend, query: SearchQuery, number: int) -> None:
        self.backend, self.query = backend, query
        self.first_window = ((number - 1) * query.limit, query.limit)
        self.searched: dict[tuple[int, int], SearchPage] = {}

    def count(self) -> int:
        return self._search(*self.first_window).total

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Hit]:
        return iter(self._search(*self.first_window).hits)

    @overload
    def __getitem__(self, window: int) -> Hit: ...

    @overload
    def __getitem__(self, window: slice) -> list[Hit]: ...

    def __getitem__(self, window: int | slice) -> Hit | list[Hit]:
        if isinstance(window, int):
            return self[window : window + 1][0]
        start = window.start or 0
        stop = window.stop if window.stop is not None else start
        # Paginator cuts the last page's slice short at the total: the window searched
        # first holds it already.
        for (offset, limit), page in self.searched.items():
            if offset <= start and stop <= offset + limit:
                return page.hits[start - offset : stop - offset]
        return self._search(start, stop - start).hits

    def _search(self, offset: int, limit: int) -> SearchPage:
        if (offset, limit) not in self.searched:
            self.searched[(offset, limit)] = self.backend.search(self.query.window(offset, limit))
        return self.searched[(offset, limit)]


class SearchView(View):
    """``/search/``: the form, and the results when there are words to search for."""

    template_name = "discovery/search.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        chosen = request.GET.get("author", "")
        form = SearchForm(request.GET, choices=Choices.load(author=chosen[:80]))
        form.is_valid()  # invalid filters are left out; the errors show by their fields
        query = form.search_query(per_page=SiteSettings.current().per_page)
        context: dict[str, Any] = {
            "form": form,
            "query": query,
            "shortened": len(form.cleaned_data.get("q") or "") > MAX_LENGTH,
            "max_length": MAX_LENGTH,
            "sections": [c for c in form.choices.categories if not c.parent_id],
        }
        if query.terms:
            page = self.paginate(query, request.GET.get("page"))
            context.update(
                page_obj=page,
                results=found(list(page.object_list)),
                previous_url=_page_url(request.GET, page.previous_page_number())
                if page.has_previous()
                else None,
                next_url=_page_url(request.GET, page.next_page_number())
                if page.has_next()
                else None,
                unfiltered_url=_unfiltered_url(request.GET) if form.filtered else None,
            )
        shown = pagetags.teasers(context.get("results", []))
        pagetags.show(request, pagetags.SEARCH, *shown)
        return render(request, self.template_name, context)

    @staticmethod
    def paginate(query: SearchQuery, page: str | None) -> Page:
        number = int(page) if page and _NUMBER.fullmatch(page) else 1
        number = min(max(number, 1), MAX_PAGE)
        return Paginator(Results(get_backend(), query, number), query.limit).get_page(number)


def found(hits: list[Hit]) -> list[Article]:
    """The visible articles of ``hits``, in order, each carrying its snippet as excerpt.

    The teaser template shows ``article.excerpt``; a snippet is a SafeString built by
    ``snippets.highlight`` (escaped text and our ``<mark>``), so it shows as made.
    """
    # By primary key only, visibility checked in Python: with a date filter or an ORDER BY,
    # SQLite walks the date index through every published story instead.
    articles = Article.objects.for_listing().order_by().in_bulk([h.article_id for h in hits])
    shown = []
    for hit in hits:
        article = articles.get(hit.article_id)
        if article is None or not article.is_visible:  # withdrawn since it was indexed
            continue
        if hit.snippet:
            article.excerpt = hit.snippet
        shown.append(article)
    return shown


def _page_url(params: QueryDict, number: int) -> str:
    changed = params.copy()
    changed.pop("page", None)
    if number > 1:
        changed["page"] = str(number)
    return f"?{changed.urlencode()}"


def _unfiltered_url(params: QueryDict) -> str:
    kept = QueryDict(mutable=True)
    for name in ("q", "sort"):
        value = params.get(name)
        if value:
            kept[name] = value
    return f"?{kept.urlencode()}"
