"""Every error is an RFC 9457 problem, and a bug is a logged 500, never an HTML page."""

from __future__ import annotations

import logging

import pytest

from masthead.articles import services
from tests.api.conftest import problem

pytestmark = pytest.mark.django_db


def test_an_unknown_endpoint_is_a_404_problem_for_any_method(reader):
    for method in ("get", "post", "delete"):
        body = problem(getattr(reader, method)("/api/v1/no/such/thing/"), 404)
        assert body["instance"] == "/api/v1/no/such/thing/"


def test_a_method_an_endpoint_lacks_is_a_405_problem(reader):
    response = reader.delete("/api/v1/tags/")
    assert problem(response, 405)["title"] == "Method Not Allowed"
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_a_format_we_do_not_speak_is_a_406_problem(reader):
    problem(reader.get("/api/v1/tags/", HTTP_ACCEPT="application/xml"), 406)


def test_asking_for_problems_or_json_is_fine(reader):
    accept = "application/json, application/problem+json"
    assert reader.get("/api/v1/tags/", HTTP_ACCEPT=accept).status_code == 200


def test_a_bug_is_a_logged_500_problem(editor_client, newsroom, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("the printer is on fire")

    monkeypatch.setattr(services, "trash_article", broken)
    story = newsroom["stories"][0]
    with caplog.at_level(logging.ERROR, logger="masthead.api"):
        response = editor_client.delete(f"/api/v1/articles/{story.pk}/")
    body = problem(response, 500)
    assert "printer" not in body["detail"]  # no internals for the caller
    assert "the printer is on fire" in caplog.text
    assert response["Cache-Control"] == "no-store"


def test_validation_problems_list_every_field(reader):
    body = problem(reader.get("/api/v1/articles/", {"published_after": "x", "page_size": "5"}),
                   400)  # fmt: skip
    assert body["type"] == "about:blank"
    assert body["title"] == "Bad Request"
    assert body["errors"]["published_after"]
