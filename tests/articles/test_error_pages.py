"""The 500 page renders with nothing else working, and says what happened."""

from __future__ import annotations

from django.test import RequestFactory

from masthead.articles.views.errors import server_error
from tests.conftest import soup, text


def test_server_error_page_needs_no_database():
    """Rendered without touching the database: no ``db`` fixture, so a query would fail."""
    response = server_error(RequestFactory().get("/broken/"))
    assert response.status_code == 500
    doc = soup(response)
    assert text(doc.select_one("h1")) == "Something went wrong on our side"
    assert doc.select_one('a[href="/"]') is not None
