"""A database that does not answer is a 503 that says to come back, never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.db.utils import load_backend
from django.test import Client, RequestFactory

from masthead.articles.views.errors import server_error
from tests import factories
from tests.conftest import soup, text


class Database:
    """Swaps the site's database connection for one to nowhere (a restart, say), and back."""

    def __init__(self) -> None:
        self.live = connections[DEFAULT_DB_ALIAS]

    def down(self) -> None:
        nowhere = dict(self.live.settings_dict)
        if self.live.vendor == "sqlite":
            nowhere["NAME"] = "/nonexistent/folder/db.sqlite3"
        else:
            nowhere["PORT"] = "9"  # nothing answers a database there
        backend = load_backend(nowhere["ENGINE"])
        connections[DEFAULT_DB_ALIAS] = backend.DatabaseWrapper(nowhere, DEFAULT_DB_ALIAS)

    def up(self) -> None:
        connections[DEFAULT_DB_ALIAS].close()
        connections[DEFAULT_DB_ALIAS] = self.live


@pytest.fixture
def database(db: Any) -> Iterator[Database]:
    switch = Database()
    yield switch
    switch.up()


def test_a_page_while_the_database_is_down_is_a_503_with_retry_after(database: Database):
    database.down()
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    doc = soup(response)
    assert text(doc.select_one("h1")) == "The site is briefly unavailable"
    assert "try again in a few seconds" in text(doc.select_one("main"))


def test_the_api_while_the_database_is_down_answers_a_503_problem(database: Database):
    database.down()
    response = Client(raise_request_exception=False).get("/api/v1/articles/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "10"
    body = response.json()
    assert (body["status"], body["title"]) == (503, "Service Unavailable")
    assert "database did not answer" in body["detail"]


def test_the_site_serves_again_by_itself_once_the_database_is_back(database: Database):
    story = factories.article(title="Harbour reopens")
    client = Client(raise_request_exception=False)
    database.down()
    assert client.get(story.get_absolute_url()).status_code == 503
    assert client.get("/readyz").status_code == 503
    database.up()
    assert client.get("/readyz").status_code == 200
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Harbour reopens" in response.content.decode()


def test_only_a_database_failure_is_a_503_and_a_bug_stays_a_500():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        assert server_error(request).status_code == 503
    try:
        raise KeyError("a bug")
    except KeyError:
        assert server_error(request).status_code == 500
