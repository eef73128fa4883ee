"""The OpenAPI 3.1 document: valid, complete, and true of the live server (schemathesis)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import drf_spectacular
import jsonschema
import pytest
import schemathesis
from django.contrib.auth.models import User
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from masthead.api import services
from masthead.comments.models import Comment
from tests import factories

URL = "/api/v1/openapi.json"
META_SCHEMA = Path(drf_spectacular.__file__).parent / "validation" / "openapi_3_1_schema.json"


@pytest.fixture
def document(client, db) -> dict[str, Any]:
    response = client.get(URL)
    assert response.status_code == 200
    return json.loads(response.content)  # type: ignore[no-any-return]


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    jsonschema.validate(document, json.loads(META_SCHEMA.read_text()))


def test_it_describes_every_resource(document):
    paths = set(document["paths"])
    for resource in ("articles", "categories", "tags", "authors", "comments", "images"):
        assert f"/api/v1/{resource}/" in paths
    assert {"/api/v1/articles/{id}/publish/", "/api/v1/comments/moderation/"} <= paths


def test_every_operation_documents_its_problems(document):
    for path, method, operation in operations(document):
        for status in ("400", "401", "403", "404", "429", "500"):
            content = operation["responses"][status]["content"]
            assert list(content) == ["application/problem+json"], (path, method, status)


def test_tokens_are_bearer_authentication(document):
    scheme = document["components"]["securitySchemes"]["token"]
    assert scheme == {**scheme, "type": "http", "scheme": "bearer"}


def test_public_reads_need_no_credentials_but_the_library_does(document):
    assert {} in document["paths"]["/api/v1/articles/"]["get"]["security"]
    assert {} not in document["paths"]["/api/v1/articles/"]["post"]["security"]
    assert {} not in document["paths"]["/api/v1/images/"]["get"]["security"]


def test_the_article_filters_are_described(document):
    names = {p["name"] for p in document["paths"]["/api/v1/articles/"]["get"]["parameters"]}
    assert names >= {"category", "tag", "author", "published_after", "published_before", "q",
                     "status", "cursor", "page_size"}  # fmt: skip


EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def live_schema(live_server, newsroom, settings: Any) -> Any:
    """The schema as the live server serves it, rate limits out of the way."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "token": "100000/minute"},
    }
    return schemathesis.openapi.from_url(f"{live_server.url}{URL}")


def superuser_token() -> dict[str, str]:
    """Headers carrying a token that may do anything, so every write gets past permissions."""
    boss = User.objects.create_superuser("boss", password="a-long-test-password")
    return {"Authorization": f"Bearer {services.issue_token(user=boss, name='st').secret}"}


@pytest.mark.slow
def test_the_live_api_keeps_its_documents_promises(live_schema):
    """No generated request, reads or writes, gets a 500 or an answer the document denies.

    Checked for each: status documented, media type, headers and body as documented.
    """
    headers = superuser_token()
    tried = 0
    for result in live_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                             suppress_health_check=list(HealthCheck))  # fmt: skip
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
        tried += 1
    assert tried >= 15


@pytest.mark.slow
def test_successful_writes_match_the_document_too(live_schema, newsroom):
    """Generated bodies name no real section or comment; these known-good ones do."""
    headers = superuser_token()
    held = factories.comment(newsroom["stories"][0], status=Comment.Status.PENDING)
    writes = {
        ("/api/v1/articles/", "POST"): {
            "title": "Checked", "category": "ai", "tags": ["gpus"], "authors": ["alice"],
        },
        ("/api/v1/comments/moderation/", "POST"): {"comments": [held.pk], "status": "approved"},
        ("/api/v1/comments/", "GET"): None,
    }  # fmt: skip
    for (path, method), body in writes.items():
        operation = live_schema[path][method]
        case = (
            operation.Case(body=body, media_type="application/json") if body else operation.Case()
        )
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        assert response.status_code in (200, 201), response.text
