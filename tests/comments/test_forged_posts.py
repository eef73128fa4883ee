"""Comments posted from other sites are refused without a per-reader token on the page.

The comment form is on pages every reader shares (the page cache, static publishing, a
CDN), so it carries no CSRF token; browsers say where a post comes from instead
(masthead.core.origin). Each test posts with Django's CSRF checks enforced, as a browser
would meet them.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from masthead.comments.models import Comment
from tests.comments.posting import TYPED, reply_form, stamp
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def send(story: Any, action: str, **headers: str) -> Any:
    data = {**TYPED, "issued": stamp(story.pk)}
    return Client(enforce_csrf_checks=True).post(action, data, headers=headers)


@pytest.mark.parametrize(
    "headers",
    [
        {"sec-fetch-site": "same-origin", "origin": SITE},
        {"origin": SITE},
        {"referer": f"{SITE}/some/article/"},
        {},  # no browser leaves out all three: nothing to forge with
    ],
    ids=["fetch-metadata", "origin", "referer", "no-browser"],
)
def test_a_post_from_the_sites_own_page_is_taken_without_a_token(story, action, headers):
    response = send(story, action, **headers)
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "headers",
    [
        {"sec-fetch-site": "cross-site", "origin": "https://forger.example"},
        {"sec-fetch-site": "same-site", "origin": "http://blog.testserver"},
        {"origin": "https://forger.example"},
        {"origin": "null"},
        {"origin": "https://testserver"},  # the right host, the wrong scheme
        {"referer": "https://forger.example/trap.html"},
    ],
    ids=["cross-site", "same-site", "origin", "null-origin", "scheme", "referer"],
)
def test_a_post_another_site_made_the_browser_send_is_refused(story, action, headers):
    response = send(story, action, **headers)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_refused_post_keeps_the_readers_text_and_says_why(story, action):
    response = send(story, action, **{"sec-fetch-site": "cross-site"})
    doc = soup(response)
    form = reply_form(doc)
    assert form.select_one('textarea[name="body"]').get_text().strip() == TYPED["body"]
    assert "another site" in text(doc.select_one("#respond [role=alert]"))


def test_an_origin_the_site_trusts_may_post(settings, story, action):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.example.org"]
    response = send(story, action, **{"origin": "https://www.example.org"})
    assert response.status_code == 302


def test_the_form_carries_no_token_and_the_page_sets_no_cookie(client, story):
    page = client.get(story.get_absolute_url())
    assert reply_form(soup(page)).select_one('input[name="csrfmiddlewaretoken"]') is None
    assert not page.cookies


def test_two_readers_get_the_same_bytes_from_the_page_cache(settings, story):
    settings.PAGE_CACHE_SECONDS = 300
    first = Client().get(story.get_absolute_url())
    second = Client().get(story.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert first.content == second.content


def test_other_forms_keep_djangos_token_check(newsroom):
    """The back office's forms still need their token; a post without one is told why."""
    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    assert text(soup(response).select_one("h1")) == "Your form could not be sent"
