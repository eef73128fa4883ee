"""WordPress pages become static pages with their own URLs."""

from __future__ import annotations

import pytest

from masthead.articles.models import Article, Page
from tests.ingest import wxr

pytestmark = pytest.mark.django_db


def page(wp_id: int = 7, **fields) -> wxr.Item:
    return wxr.Item(wp_id, post_type="page", **{"title": "About", "slug": "about", **fields})


def test_a_published_page_is_served_at_its_slug(run_import, client):
    run_import(wxr.export(*wxr.standard_header(), page(content="We are [b]a newsroom[/b].")))
    assert not Article.objects.exists()
    response = client.get("/about/")
    assert response.status_code == 200
    assert "We are" in response.text


def test_draft_pages_are_kept_but_not_shown(run_import, client):
    run_import(wxr.export(*wxr.standard_header(), page(status="draft")))
    assert Page.objects.get().status == "draft"
    assert client.get("/about/").status_code == 404


def test_a_page_slug_that_a_route_owns_gets_another(run_import):
    summary = run_import(wxr.export(*wxr.standard_header(), page(title="Search", slug="search")))
    assert Page.objects.get().slug == "search-2"
    assert any("'search' was taken" in p["reason"] for p in summary["problems"])


def test_pages_are_imported_once(run_import):
    data = wxr.export(*wxr.standard_header(), page(), page(8, title="Contact", slug="contact"))
    run_import(data)
    summary = run_import(data)
    assert Page.objects.count() == 2
    assert summary["counts"]["page"]["unchanged"] == 2


def test_comments_on_pages_are_left_out_and_said_so(run_import):
    summary = run_import(wxr.export(*wxr.standard_header(), page(comments=[wxr.Comment(1)])))
    assert any("comment(s) on a page left out" in p["reason"] for p in summary["problems"])
