"""The old site's addresses answer 301 with the new ones."""

from __future__ import annotations

import pytest

from masthead.articles.models import Article, Category
from masthead.ingest.models import LegacyURL
from tests.ingest import wxr

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(run_import) -> Article:
    item = wxr.Item(42, slug="hello-world", link=f"{wxr.SITE}/archives/hello-world/")
    run_import(wxr.export(*wxr.standard_header(), item, wxr.Item(43, status="draft")))
    return Article.objects.get(slug="hello-world")


def test_query_links_to_posts_redirect_permanently(client, imported):
    response = client.get("/?p=42")
    assert response.status_code == 301
    assert response["Location"] == imported.get_absolute_url()


def test_category_query_links_and_deep_category_paths_redirect(client, imported):
    europe = Category.objects.get(slug="europe")
    assert client.get("/?cat=4")["Location"] == europe.get_absolute_url()
    response = client.get("/category/news/world/europe/")
    assert (response.status_code, response["Location"]) == (301, europe.get_absolute_url())


def test_old_permalinks_redirect(client, imported):
    response = client.get("/archives/hello-world/")
    assert (response.status_code, response["Location"]) == (301, imported.get_absolute_url())


def test_unicode_permalinks_are_matched_decoded(client, run_import):
    item = wxr.Item(1, slug="x", link=f"{wxr.SITE}/%E6%96%B0%E9%97%BB/")
    run_import(wxr.export(*wxr.standard_header(), item))
    assert client.get("/新闻/").status_code == 301


def test_a_post_readers_cannot_see_is_not_revealed(client, imported):
    assert client.get("/?p=43").status_code == 200  # the home page, as for any unknown id
    assert client.get("/?p=999").status_code == 200


def test_pages_that_exist_are_never_shadowed(client, imported):
    LegacyURL.objects.create(path="/", kind="post", object_id=imported.pk)
    assert client.get("/").status_code == 200


def test_a_404_replayed_from_the_page_cache_still_redirects(client, imported, settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_404_SECONDS = 300
    first = client.get("/gone/")
    assert first.status_code == 404
    LegacyURL.objects.create(path="/gone/", kind="post", object_id=imported.pk)
    again = client.get("/gone/")
    assert (again.status_code, again["Location"]) == (301, imported.get_absolute_url())


def test_page_links_redirect_to_the_static_page(client, run_import):
    about = wxr.Item(7, title="About us", slug="about", post_type="page",
                     link=f"{wxr.SITE}/company/about/")  # fmt: skip
    run_import(wxr.export(*wxr.standard_header(), about))
    assert client.get("/?page_id=7")["Location"] == "/about/"
    assert client.get("/company/about/")["Location"] == "/about/"
    assert "About us" in client.get("/about/").text


def test_a_post_whose_old_address_is_malformed_is_imported_without_a_redirect(run_import):
    """An unclosed IPv6 bracket in ``<link>`` once stopped the whole import."""
    run_import(wxr.export(*wxr.standard_header(), wxr.Item(7, link="http://[old.example/x")))
    assert Article.objects.count() == 1
    assert not LegacyURL.objects.filter(path__contains="old.example").exists()
