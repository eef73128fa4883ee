"""The comment form's stamp: not in the page, fetched when the reader starts, still checked.

Article pages are kept for every reader for days (the page cache, a CDN, published files),
so they must not change with the clock. The form's stamp comes from ``/comments/stamp/``
instead; without JavaScript the first post comes back with one.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from masthead.articles.models import Article
from masthead.comments.forms import MAX_SECONDS, MIN_SECONDS, NO_STAMP
from masthead.comments.models import Comment
from tests import factories
from tests.comments.posting import TYPED, post, reply_form
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db
DAY = 24 * 3600


def fetch_stamp(client: Any, article: Article) -> str:
    """A stamp for ``article``'s form, fetched the way ``reply.js`` does."""
    response = client.get(reverse("comments:stamp", args=[article.pk]))
    assert response.status_code == 200
    issued: str = response.json()["issued"]
    return issued


def form_fields(response: Any) -> dict[str, str]:
    """What a browser without JavaScript posts from the page's form as it stands."""
    form = reply_form(soup(response))
    inputs = form.select("input[name]:not([type=checkbox])")
    fields = {i["name"]: i.get("value", "") for i in inputs}
    return {**fields, "body": form.select_one('textarea[name="body"]').get_text().strip()}


# The page ----------------------------------------------------------------------------------


def test_the_article_page_carries_no_stamp_but_where_to_fetch_one(client, story):
    form = reply_form(soup(client.get(story.get_absolute_url())))
    assert form.select_one('input[name="issued"]')["value"] == ""
    assert form["data-stamp"] == f"/comments/stamp/{story.pk}/"


@pytest.mark.parametrize("later", [1, 61, DAY + 5, 7 * DAY])
def test_the_article_page_is_the_same_bytes_later(client, story, travel, settings, later):
    """Rendered afresh each time (no page cache): nothing on it follows the clock."""
    settings.PAGE_CACHE_SECONDS = 0
    first = client.get(story.get_absolute_url()).content
    travel(later)
    assert client.get(story.get_absolute_url()).content == first


# The endpoint ------------------------------------------------------------------------------


def test_the_stamp_is_never_kept_and_sets_no_cookie(client, story, travel):
    response = client.get(reverse("comments:stamp", args=[story.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    cache_control = {p.strip() for p in response["Cache-Control"].split(",")}
    assert {"no-store", "no-cache", "private", "max-age=0"} <= cache_control
    assert "X-Page-Cache" not in response
    assert "Surrogate-Key" not in response
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_each_fetch_is_a_new_stamp_even_with_the_page_cache_on(client, story, travel):
    first = fetch_stamp(client, story)
    travel(5)
    assert fetch_stamp(client, story) != first


@pytest.mark.parametrize("kind", ["draft", "unknown"])
def test_no_stamp_for_an_article_readers_cannot_see(client, kind):
    pk = 987_654 if kind == "unknown" else factories.article(status=Article.Status.DRAFT).pk
    assert client.get(reverse("comments:stamp", args=[pk])).status_code == 404


def test_the_stamp_is_only_given_to_reads(client, story):
    assert client.post(reverse("comments:stamp", args=[story.pk])).status_code == 405


# The checks still apply to a fetched stamp --------------------------------------------------


def test_a_fetched_stamp_lets_the_post_through_after_the_pause(client, story, action, travel):
    issued = fetch_stamp(client, story)
    travel(MIN_SECONDS + 1)
    assert post(client, action, issued=issued).status_code == 302
    assert Comment.objects.count() == 1


def test_a_fetched_stamp_used_at_once_is_too_quick(client, story, action, travel):
    issued = fetch_stamp(client, story)
    travel(MIN_SECONDS - 2)
    response = post(client, action, issued=issued)
    assert response.status_code == 400
    assert "very quick" in text(soup(response).select_one("#respond .notice--error"))
    assert not Comment.objects.exists()


def test_a_fetched_stamp_expires_after_a_day(client, story, action, travel):
    issued = fetch_stamp(client, story)
    travel(MAX_SECONDS + 60)
    assert post(client, action, issued=issued).status_code == 400
    assert not Comment.objects.exists()


def test_a_stamp_fetched_for_one_article_does_not_post_on_another(client, newsroom, action, travel):
    issued = fetch_stamp(client, newsroom["stories"][1])
    travel(30)
    assert post(client, action, issued=issued).status_code == 400
    assert not Comment.objects.exists()


# Without JavaScript --------------------------------------------------------------------------


def test_a_post_from_a_week_old_cached_page_comes_back_and_then_goes_through(
    story, travel, settings
):
    settings.PAGE_CACHE_SECONDS = 30 * DAY
    url = story.get_absolute_url()
    Client().get(url)  # the page is kept for everyone from now on
    travel(7 * DAY)
    page = Client().get(url)
    assert page["X-Page-Cache"] == "hit"
    reader = Client()
    first = reader.post(reverse("comments:post", args=[story.pk]), {**form_fields(page), **TYPED})

    assert first.status_code == 400
    assert not Comment.objects.exists()
    assert NO_STAMP in text(soup(first).select_one("#respond .notice--error"))
    again = form_fields(first)
    assert again["body"] == TYPED["body"]
    assert again["issued"]
    travel(7 * DAY + 10)
    second = reader.post(reverse("comments:post", args=[story.pk]), again)
    assert second.status_code == 302
    assert Comment.objects.get().body == TYPED["body"]
