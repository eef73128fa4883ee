"""A rebuild (``masthead related rebuild``, ``masthead search rebuild``) purges the page cache.

Rebuilds write their rows without the articles' signals, so the page cache would keep
serving the lists and results from before; each rebuild moves the content generation on
when it ends, finished or interrupted (what it rebuilt is live either way).
"""

from __future__ import annotations

import io
import os
import signal
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils.http import urlencode

from masthead.articles.models import Article, SiteSettings
from masthead.discovery.backends import get_backend
from masthead.discovery.models import RelatedLink, SearchEntry
from masthead.discovery.related import index
from masthead.discovery.search.backends import SearchBackend
from tests.discovery.conftest import rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache(settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 300


def warm(url: str) -> str:
    """Request ``url`` until the page cache answers; return the cached page."""
    Client().get(url)
    response = Client().get(url)
    assert response["X-Page-Cache"] == "hit"
    return response.content.decode()


def related_links(page: str) -> list[str]:
    """The addresses the page's "Related posts" section links to."""
    section = BeautifulSoup(page, "html.parser").select_one("section.related")
    return [a["href"] for a in section.select("h3 a")] if section else []


def listed(article: Article) -> list[str]:
    """The addresses of ``article``'s related list as stored now."""
    count = SiteSettings.current().related_count
    return [other.get_absolute_url() for other in get_backend().related(article, count)]


def interrupt_after_first(monkeypatch: Any, owner: Any, name: str) -> None:
    """Make ``owner.name`` press Ctrl-C once its first batch is stored."""
    real = getattr(owner, name)
    calls: list[int] = []

    def store_then_interrupt(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        calls.append(1)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # as if the reader pressed Ctrl-C
        return result

    monkeypatch.setattr(owner, name, store_then_interrupt)


def test_after_a_related_rebuild_an_article_page_shows_the_new_list(generated: list[int]):
    article = Article.objects.get(pk=generated[0])
    before = related_links(warm(article.get_absolute_url()))
    rebuild()
    assert listed(article) != before
    response = Client().get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert related_links(response.content.decode()) == listed(article)


def test_an_interrupted_related_rebuild_still_purges(generated: list[int], monkeypatch: Any):
    """The lists it finished are live: pages must show them without waiting for a rerun."""
    first = Article.objects.get(pk=generated[0])
    before = related_links(warm(first.get_absolute_url()))
    interrupt_after_first(monkeypatch, index, "replace_lists")
    with pytest.raises(CommandError, match="Interrupted") as stopped:
        rebuild("--batch-size", "4")
    assert stopped.value.returncode == 130
    assert RelatedLink.objects.filter(source=first).exists()
    assert listed(first) != before
    response = Client().get(first.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert related_links(response.content.decode()) == listed(first)


def search_rebuild(*args: str) -> None:
    call_command("search", "rebuild", *args, stdout=io.StringIO())


def test_after_a_search_rebuild_the_results_page_shows_the_new_index(generated: list[int]):
    SearchEntry.objects.all().delete()
    article = Article.objects.get(pk=generated[0])
    url = "/search/?" + urlencode({"q": max(article.title.split(), key=len)})
    assert article.get_absolute_url() not in warm(url)
    search_rebuild()
    response = Client().get(url)
    assert response["X-Page-Cache"] == "miss"
    assert article.get_absolute_url() in response.content.decode()


def test_an_interrupted_search_rebuild_still_purges(generated: list[int], monkeypatch: Any):
    SearchEntry.objects.all().delete()
    warm("/search/?q=the")
    interrupt_after_first(monkeypatch, SearchBackend, "store")
    with pytest.raises(CommandError, match="Interrupted"):
        search_rebuild("--batch-size", "3")
    assert SearchEntry.objects.exists()
    assert Client().get("/search/?q=the")["X-Page-Cache"] == "miss"
