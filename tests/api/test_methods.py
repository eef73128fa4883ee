"""Every endpoint × every method × every kind of caller: a problem with the right status, never 500.

The endpoints come from the OpenAPI document (plus the document itself), so a new route is
covered the day it is added. What each caller should hear:

- a reader: what the endpoint offers, 401 for a write, 405 for a method it lacks;
- a bad Bearer token: 401, whatever the method (its credentials are the first problem);
- a logged-in session without the CSRF token: 403 for any unsafe method, 405 for TRACE;
- a valid token: an answer for what is offered, 405 for a method it lacks.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from tests import factories
from tests.api.conftest import client_for, user_with

METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE")
SAFE = {"GET", "HEAD", "OPTIONS", "TRACE"}
DOCUMENT = "/api/v1/openapi.json"
PROBLEM = "application/problem+json"
EVERY_PERMISSION = (
    *(f"articles.{verb}_article" for verb in ("add", "change", "delete", "view")),
    *(f"articles.{verb}_image" for verb in ("add", "view")),
    "comments.change_comment",
)
# What a write from a permitted caller with an empty JSON object may hear: done, or refused
# for its content or for the state of the thing it names.
WRITE_ANSWERS = {200, 201, 204, 400, 403, 404, 409, 415}


@pytest.fixture
def site(newsroom: dict[str, Any], tmp_path: Any) -> dict[str, str]:
    """Path templates' parameters, filled with things that exist."""
    story = newsroom["stories"][0]
    return {
        "{id}": str(story.pk),
        "{slug}": newsroom["tags"][0].slug,
        "comment": str(factories.comment(story).pk),
        "image": str(factories.image().pk),
        "author": newsroom["alice"].slug,
        "category": newsroom["ai"].slug,
    }


def endpoints(site: dict[str, str]) -> dict[str, set[str]]:
    """Every API path, made concrete, with the methods the OpenAPI document says it offers."""
    document = json.loads(APIClient().get(DOCUMENT).content)
    found = {DOCUMENT: {"GET"}}
    for template, item in document["paths"].items():
        found[concrete(template, site)] = {method.upper() for method in item}
    return found


def concrete(template: str, site: dict[str, str]) -> str:
    """``template`` with its parameter replaced by the key of a row that exists."""
    resource = template.split("/")[3]
    own = {"comments": "comment", "images": "image", "authors": "author", "categories": "category"}
    value = site.get(own.get(resource, ""), site["{id}" if "{id}" in template else "{slug}"])
    return template.replace("{id}", value).replace("{slug}", value)


def offers(documented: set[str], method: str) -> bool:
    """Whether an endpoint documenting ``documented`` offers ``method`` (HEAD rides on GET)."""
    return method in documented or method == "OPTIONS" or (method == "HEAD" and "GET" in documented)


def send(client: APIClient, method: str, path: str) -> Any:
    """``method`` on ``path``, with an empty JSON object as the body of a write."""
    body = {} if method in {"POST", "PUT", "PATCH"} else None
    return client.generic(method, path, json.dumps(body) if body is not None else "",
                          content_type="application/json")  # fmt: skip


def reader_expects(path: str, method: str, offered: bool) -> set[int]:
    if not offered:
        return {405}
    if method not in SAFE:
        return {401}
    # The image library is not public: reading it needs the view permission.
    return {401} if path.startswith("/api/v1/images/") else {200}


def token_expects(path: str, method: str, offered: bool) -> set[int]:
    if not offered:
        return {405}
    return {200} if method in SAFE else WRITE_ANSWERS


def session_expects(path: str, method: str, offered: bool) -> set[int]:
    if method not in SAFE:
        return {403}
    return {200} if offered else {405}


def bad_token_expects(path: str, method: str, offered: bool) -> set[int]:
    return {401}


def staff_session() -> APIClient:
    """A logged-in staff user's browser that forgot the CSRF token."""
    user: User = user_with(*EVERY_PERMISSION, username="session")
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def bad_token() -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer mh_not-a-real-token")
    return client


def mistakes(request: str, response: Any, expected: set[int]) -> list[str]:
    """What is wrong with ``response``: an unexpected status, or an error that is no problem."""
    if response.status_code not in expected:
        return [f"{request}: {response.status_code}, not {sorted(expected)}"]
    media_type = response.get("Content-Type", "")
    if response.status_code >= 400 and response.content and media_type != PROBLEM:
        return [f"{request}: {media_type}"]
    return []


CALLERS = {
    "reader": (APIClient, reader_expects),
    "bad token": (bad_token, bad_token_expects),
    "session without CSRF": (staff_session, session_expects),
    "valid token": (lambda: client_for(user_with(*EVERY_PERMISSION)), token_expects),
}


@pytest.mark.parametrize("caller", list(CALLERS))
def test_every_endpoint_and_method_gets_a_problem_with_the_right_status(site, caller, settings):
    """No answer is a 500; each is the status this caller should hear, as a problem."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "anon": "100000/minute", "token": "100000/minute"}}  # fmt: skip
    make, expects = CALLERS[caller]
    client = make()
    client.raise_request_exception = False  # a 500 is counted, not raised
    wrong = []
    for path, documented in endpoints(site).items():
        # Reads and refusals first: a permitted DELETE goes last, as it removes the row.
        for method in sorted(METHODS, key=lambda m: m == "DELETE"):
            response = send(client, method, path)
            # The document is public and reads no credentials: everyone hears what a reader does.
            judge = reader_expects if path == DOCUMENT else expects
            expected = judge(path, method, offers(documented, method))
            wrong += mistakes(f"{method} {path}", response, expected)
    assert not wrong, "\n".join(wrong)


def test_a_bad_token_asking_for_a_format_we_lack_hears_406(db):
    """Content negotiation fails before credentials are read; the caching headers cope."""
    client = bad_token()
    client.raise_request_exception = False
    response = client.get("/api/v1/tags/", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response["Cache-Control"] == "no-store"


def test_a_body_past_the_request_limit_hears_a_413_problem(db, settings):
    """Refused unread, as a problem, not Django's bare 400."""
    settings.REQUEST_MAX_BYTES = 1024
    response = APIClient().post("/api/v1/articles/", {"title": "x" * 2048}, format="json")
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 413
