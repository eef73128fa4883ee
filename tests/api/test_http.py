"""HTTP caching: ETags and 304s; public answers for readers, private ones for tokens."""

from __future__ import annotations

import pytest

from masthead.caching.pagecache import SKIP_PREFIXES
from tests import factories
from tests.api.conftest import client_for, user_with

URL = "/api/v1/articles/"


def test_gets_carry_an_etag_and_answer_304_when_unchanged(reader, newsroom):
    first = reader.get(URL)
    etag = first["ETag"]
    again = reader.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["Cache-Control"] == first["Cache-Control"]


def test_the_etag_changes_with_the_content(reader, newsroom):
    etag = reader.get(URL)["ETag"]
    factories.article(title="Fresh", category=newsroom["ai"])
    assert reader.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_readers_answers_may_be_shared_for_a_minute(reader, newsroom):
    response = reader.get(URL)
    assert response["Cache-Control"] == "public, max-age=60"
    assert set(response["Vary"].replace(" ", "").split(",")) >= {"Authorization", "Cookie"}


def test_token_answers_are_private_and_revalidated(editor_client, newsroom):
    response = editor_client.get(URL)
    assert response["Cache-Control"] == "private, no-cache"
    assert response.has_header("ETag")
    etag = response["ETag"]
    assert editor_client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_writes_are_never_stored(editor_client, newsroom):
    response = editor_client.patch(f"{URL}{newsroom['stories'][0].pk}/", {"dek": "x"},
                                   format="json")  # fmt: skip
    assert response["Cache-Control"] == "no-store"


def test_the_page_cache_leaves_the_api_alone(travel, newsroom):
    """A token's answer must never be stored and then served to a reader (or the reverse)."""
    assert "/api/" in SKIP_PREFIXES
    editor = client_for(user_with("articles.change_article"))
    mine = editor.get(URL, {"status": "draft"})
    assert "X-Page-Cache" not in mine
    reader = client_for()
    assert "X-Page-Cache" not in reader.get(URL)
    assert "X-Page-Cache" not in reader.get(URL)


@pytest.mark.parametrize("url", ["/api/v1/tags/", "/api/v1/no-such/", "/api/v1/openapi.json"])
def test_head_works_like_get(reader, db, url):
    assert reader.head(url).status_code == reader.get(url).status_code
