"""The commenter's own cookies: remembered details and their comments awaiting moderation."""

from __future__ import annotations

import base64
import binascii
import contextlib
import zlib
from typing import Any

import pytest
from django.core import signing
from django.test import Client

from masthead.comments import cookies
from masthead.comments.models import Comment
from tests import factories
from tests.comments.posting import TYPED, post, reply_form
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db


def field(doc: Any, name: str) -> Any:
    return reply_form(doc).select_one(f'[name="{name}"]')


# Remember me ------------------------------------------------------------------------------


def test_ticking_remember_me_stores_the_details_in_a_signed_server_only_cookie(client, action):
    response = post(client, action)
    cookie = response.cookies[cookies.COMMENTER]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
    assert len(cookie.value) >= 32  # a random key: the details stay on the server


def readings(value: str) -> list[str]:
    """Every way someone could read a cookie: raw, URL-safe base64, and a signed payload."""
    texts = [value]
    for part in [value, *value.split(":")]:
        for candidate in (part, part.lstrip(".")):
            padded = candidate + "=" * (-len(candidate) % 4)
            try:
                raw = base64.urlsafe_b64decode(padded)
            except (binascii.Error, ValueError):
                continue
            texts.append(raw.decode("latin-1"))
            with contextlib.suppress(zlib.error):
                texts.append(zlib.decompress(raw).decode("latin-1"))
    return texts


def test_the_cookie_holds_no_name_email_or_website_however_it_is_decoded(client, action):
    """GDPR: personal data stays on the server; the cookie is only a random key to it."""
    post(client, action)
    value = client.cookies[cookies.COMMENTER].value
    for reading in readings(value):
        for detail in ("ada@example.org", "Ada Reader", "ada.example", "Ada"):
            assert detail not in reading, (detail, reading)


def test_an_old_signed_cookie_is_replaced_and_its_details_kept(client, story):
    """Cookies issued before carried the details, signed; the next visit swaps in a key."""
    old = signing.dumps(
        {"name": "Old Reader", "email": "old@example.org", "url": ""}, salt=cookies.COMMENTER_SALT
    )
    client.cookies[cookies.COMMENTER] = old
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    new = response.cookies[cookies.COMMENTER].value
    assert new
    assert "old@example.org" not in "".join(readings(new))
    doc = soup(client.get(story.get_absolute_url()))
    assert field(doc, "author_email")["value"] == "old@example.org"


def test_unticking_deletes_the_details_on_the_server_too(client, story, action):
    post(client, action)
    key = client.cookies[cookies.COMMENTER].value
    post(client, action, remember=None, body="A second thought.")
    client.cookies[cookies.COMMENTER] = key  # a copy kept elsewhere opens nothing
    doc = soup(client.get(story.get_absolute_url()))
    assert not field(doc, "author_name").has_attr("value")


def test_remembered_details_fill_the_form_next_time(client, story, action):
    post(client, action)
    doc = soup(client.get(story.get_absolute_url()))
    assert field(doc, "author_name")["value"] == "Ada Reader"
    assert field(doc, "author_email")["value"] == "ada@example.org"
    assert field(doc, "author_url")["value"] == "https://ada.example/"
    assert field(doc, "remember").has_attr("checked")
    assert field(doc, "body").get_text().strip() == ""


def test_the_empty_form_made_once_per_worker_never_holds_a_readers_details(client, story, action):
    """Empty forms' fields are made once per worker; a remembered reader's never are."""
    stranger = Client()
    assert not field(soup(stranger.get(story.get_absolute_url())), "author_name").has_attr("value")
    post(client, action)
    remembered = soup(client.get(story.get_absolute_url()))
    assert field(remembered, "author_name")["value"] == "Ada Reader"
    doc = soup(stranger.get(story.get_absolute_url()))
    assert not field(doc, "author_name").has_attr("value")
    assert not field(doc, "remember").has_attr("checked")


def test_without_the_tick_nothing_is_stored(client, story, action):
    response = post(client, action, remember=None)
    assert cookies.COMMENTER not in response.cookies
    doc = soup(client.get(story.get_absolute_url()))
    assert not field(doc, "author_name").has_attr("value")
    assert not field(doc, "remember").has_attr("checked")


def test_unticking_later_deletes_the_stored_details(client, story, action):
    post(client, action)
    response = post(client, action, remember=None, body="A second thought.")
    assert response.cookies[cookies.COMMENTER].value == ""
    assert response.cookies[cookies.COMMENTER]["max-age"] == 0


def test_a_forged_cookie_is_ignored(client, story):
    client.cookies[cookies.COMMENTER] = "eyJuYW1lIjoiRXZlIn0:forged:sig"
    doc = soup(client.get(story.get_absolute_url()))
    assert not field(doc, "author_name").has_attr("value")


def test_remembered_readers_get_their_own_page_not_the_shared_cached_copy(
    settings, client, story, action
):
    settings.PAGE_CACHE_SECONDS = 300
    Client().get(story.get_absolute_url())  # fills the cache
    post(client, action, remember="on")
    page = client.get(story.get_absolute_url())
    assert page.get("X-Page-Cache") is None
    assert "private" in page["Cache-Control"]
    assert field(soup(page), "author_name")["value"] == "Ada Reader"
    assert Client().get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    assert b"ada@example.org" not in Client().get(story.get_absolute_url()).content


# Your comment is awaiting moderation ------------------------------------------------------


def test_the_pending_cookie_names_only_the_readers_own_comments(client, story, action):
    post(client, action)
    post(client, action, body="And another thing.")
    mine = sorted(Comment.objects.values_list("pk", flat=True))
    page = soup(client.get(story.get_absolute_url()))
    assert sorted(int(li["id"].split("-")[1]) for li in page.select("li.comment--waiting")) == mine


def test_another_readers_pending_comment_stays_hidden(client, story, action):
    someone = factories.comment(story, status=Comment.Status.PENDING, body="Not yours.")
    post(client, action)
    doc = soup(client.get(story.get_absolute_url()))
    assert doc.select_one(f"#comment-{someone.pk}") is None


def test_own_spam_is_shown_to_its_sender_as_waiting_too(client, story, action):
    post(client, action)
    Comment.objects.update(status=Comment.Status.SPAM)
    doc = soup(client.get(story.get_absolute_url()))
    assert "awaiting moderation" in text(doc.select_one("li.comment--waiting"))


def test_once_approved_the_comment_shows_like_any_other(client, story, action):
    post(client, action)
    Comment.objects.update(status=Comment.Status.APPROVED)
    doc = soup(client.get(story.get_absolute_url()))
    assert doc.select("li.comment--waiting") == []
    assert len(doc.select("li.comment")) == 1
    assert text(doc.select_one("#comments-title")) == "1 comment"


def test_a_comment_approved_at_once_sets_no_pending_cookie(client, story, action):
    factories.comment(story, author_email="ada@example.org", body="Earlier.")
    response = post(client, action)
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
    assert cookies.PENDING not in response.cookies


def test_a_forged_pending_cookie_shows_nothing(client, story):
    someone = factories.comment(story, status=Comment.Status.PENDING)
    client.cookies[cookies.PENDING] = f"[{someone.pk}]"
    doc = soup(client.get(story.get_absolute_url()))
    assert doc.select_one(f"#comment-{someone.pk}") is None


def test_readers_with_a_pending_comment_are_not_served_the_cached_page(
    settings, client, story, action
):
    settings.PAGE_CACHE_SECONDS = 300
    Client().get(story.get_absolute_url())
    post(client, action)
    page = client.get(story.get_absolute_url())
    assert page.get("X-Page-Cache") is None
    assert "private" in page["Cache-Control"]
    assert soup(page).select_one("li.comment--waiting")
    assert (
        TYPED["body"].split("\n")[0].encode() not in Client().get(story.get_absolute_url()).content
    )
