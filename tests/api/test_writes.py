"""Writing articles: through the services, with the model permissions of the token's user."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from masthead.articles.models import Article, Revision
from masthead.core import clock
from tests import factories
from tests.api.conftest import client_for, problem, user_with

URL = "/api/v1/articles/"
NEW = {"title": "Port reopens", "category": "ai", "tags": ["gpus", "models"],
       "authors": ["bob", "alice"], "body": "The *port* reopened."}  # fmt: skip


@pytest.fixture
def draft(newsroom):
    return factories.article(title="Work in progress", category=newsroom["ai"],
                             status=Article.Status.DRAFT, published_at=None)  # fmt: skip


def test_creating_starts_a_draft_through_the_service(editor_client, newsroom):
    response = editor_client.post(URL, NEW, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    assert body["body_html"] == "<p>The <em>port</em> reopened.</p>\n"
    assert [a["slug"] for a in body["authors"]] == ["bob", "alice"]
    article = Article.objects.get(pk=body["id"])
    assert Revision.objects.get(article=article).by.username == "editor"


def test_a_new_draft_is_not_shown_to_readers(editor_client, reader, newsroom):
    created = editor_client.post(URL, NEW, format="json").json()
    problem(reader.get(f"{URL}{created['id']}/"), 404)


def test_invalid_fields_are_named(editor_client, newsroom):
    bad = {"title": "", "category": "nowhere", "tags": ["nope"], "featured_image": 99999}
    body = problem(editor_client.post(URL, bad, format="json"), 400)
    assert set(body["errors"]) == {"title", "category", "tags", "featured_image"}


@pytest.mark.parametrize(
    "bad",
    [
        {"featured_image": 2**70},
        {"featured_image": "one"},
        {"category": ["ai"]},
        {"tags": "gpus"},
        {"authors": [{"slug": "bob"}]},
        {"title": "x" * 301},
        {"title": "nul \x00 byte"},
        {"source_url": "javascript:alert(1)"},
    ],
)
def test_odd_bodies_are_400s_naming_the_field(editor_client, newsroom, bad):
    body = problem(editor_client.post(URL, {**NEW, **bad}, format="json"), 400)
    assert list(body["errors"]) == list(bad)


def test_writing_needs_a_token_or_a_session(reader, newsroom):
    problem(reader.post(URL, NEW, format="json"), 401)


@pytest.mark.parametrize(
    ("perm", "method", "path"),
    [
        ("articles.view_article", "post", ""),
        ("articles.add_article", "patch", "{pk}/"),
        ("articles.change_article", "delete", "{pk}/"),
        ("articles.add_article", "post", "{pk}/publish/"),
    ],
)
def test_each_write_needs_its_model_permission(newsroom, perm, method, path):
    client = client_for(user_with(perm))
    story = newsroom["stories"][0]
    response = getattr(client, method)(URL + path.format(pk=story.pk), NEW, format="json")
    problem(response, 403)


def test_patching_changes_only_the_given_fields(editor_client, draft):
    response = editor_client.patch(f"{URL}{draft.pk}/", {"dek": "Now with a dek."}, format="json")
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert (draft.title, draft.dek) == ("Work in progress", "Now with a dek.")
    assert draft.revisions.count() == 2


def test_tags_and_byline_are_replaced_when_given(editor_client, draft):
    editor_client.patch(f"{URL}{draft.pk}/", {"tags": ["europe"], "authors": ["bob"]},
                        format="json")  # fmt: skip
    assert [t.slug for t in draft.tags.all()] == ["europe"]
    assert [a.slug for a in draft.byline] == ["bob"]


def test_publishing_now_and_unpublishing(editor_client, reader, draft):
    published = editor_client.post(f"{URL}{draft.pk}/publish/", format="json").json()
    assert published["status"] == "published"
    assert published["link"]
    assert reader.get(f"{URL}{draft.pk}/").status_code == 200
    editor_client.post(f"{URL}{draft.pk}/unpublish/")
    problem(reader.get(f"{URL}{draft.pk}/"), 404)


def test_publishing_at_a_later_time_schedules(editor_client, reader, draft):
    later = clock.now() + timedelta(hours=2)
    body = editor_client.post(f"{URL}{draft.pk}/publish/", {"at": later.isoformat()},
                              format="json").json()  # fmt: skip
    assert body["status"] == "published"
    assert body["link"] is None
    assert Article.objects.scheduled().filter(pk=draft.pk).exists()


def test_deleting_moves_to_the_trash(editor_client, newsroom):
    story = newsroom["stories"][0]
    assert editor_client.delete(f"{URL}{story.pk}/").status_code == 204
    story.refresh_from_db()
    assert story.status == Article.Status.TRASH


def test_put_is_not_offered(editor_client, draft):
    response = editor_client.put(f"{URL}{draft.pk}/", NEW, format="json")
    problem(response, 405)
    assert "PATCH" in response["Allow"]


def test_bodies_must_be_json(editor_client, newsroom):
    problem(editor_client.post(URL, NEW), 415)  # multipart form
    problem(editor_client.post(URL, "{not json", content_type="application/json"), 400)


def test_a_session_must_send_its_csrf_token(newsroom):
    """Token requests need no CSRF token; the back office's session still does."""
    user = user_with("articles.add_article")
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(User.objects.get(pk=user.pk))
    body = problem(client.post(URL, NEW, format="json"), 403)
    assert "CSRF" in body["detail"]
