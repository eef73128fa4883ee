"""The "Leave a reply" form: posting a comment, its validation, and what readers then see."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from masthead.articles import services as article_services
from masthead.articles.models import Article
from masthead.comments import services
from masthead.comments.models import Comment
from masthead.core import clock
from tests import factories
from tests.comments.posting import TYPED, post, reply_form
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db


def injected_scripts(doc: BeautifulSoup) -> list[Any]:
    """Scripts on the page other than the site's own reply-form script and JSON-LD data."""
    scripts = doc.select('script:not(head > script[type="application/ld+json"])')
    return [s for s in scripts if s.get("src") != "/static/comments/reply.js"]


# A valid comment --------------------------------------------------------------------------


def test_valid_comment_is_stored_as_pending(client, story, action):
    post(client, action)
    stored = Comment.objects.get()
    assert stored.article == story
    assert stored.status == Comment.Status.PENDING
    assert (stored.author_name, stored.author_email, stored.author_url) == (
        "Ada Reader", "ada@example.org", "https://ada.example/",
    )  # fmt: skip
    assert stored.body == TYPED["body"]


def test_valid_comment_records_the_senders_ip_and_user_agent(client, action):
    post(client, action)
    stored = Comment.objects.get()
    assert stored.ip_address == "203.0.113.9"
    assert stored.user_agent == "TestBrowser/1.0"


def test_valid_comment_redirects_back_to_the_article(client, story, action):
    response = post(client, action)
    assert response.status_code == 302
    assert response["Location"].startswith(story.get_absolute_url())


def test_reader_sees_their_own_comment_marked_as_awaiting_moderation(client, action):
    response = post(client, action)
    own = Comment.objects.get()
    assert response["Location"].endswith(f"#comment-{own.pk}")
    doc = soup(client.get(response["Location"]))
    mine = doc.select_one(f"#comment-{own.pk}")
    assert "awaiting moderation" in text(mine.select_one('[role="status"]'))
    assert "It went differently." in text(mine)


def test_pending_comment_is_not_shown_to_other_readers(client, story, action):
    post(client, action)
    doc = soup(Client().get(story.get_absolute_url()))
    assert doc.select(".comment") == []
    assert "Ada Reader" not in text(doc.select_one("#comments"))
    assert text(doc.select_one("#comments-title")) == "Comments"


def test_approved_comment_is_shown_to_readers(client, story, action):
    post(client, action)
    services.moderate_comments(comments=[Comment.objects.get()], status=Comment.Status.APPROVED)
    doc = soup(client.get(story.get_absolute_url()))
    assert [text(a) for a in doc.select(".comment .comment__author")] == ["Ada Reader"]


def test_comment_of_exactly_ten_thousand_characters_is_accepted(client, action):
    response = post(client, action, body="a" * 10_000)
    assert response.status_code == 302
    assert len(Comment.objects.get().body) == 10_000


def test_website_is_optional(client, action):
    response = post(client, action, author_url="")
    assert response.status_code == 302
    assert Comment.objects.get().author_url == ""


# Invalid comments ---------------------------------------------------------------------------

BAD_FIELDS = [
    pytest.param("author_name", None, "name", id="no-name"),
    pytest.param("author_name", "   ", "name", id="blank-name"),
    pytest.param("author_email", None, "email", id="no-email"),
    pytest.param("author_email", "ada-at-example", "email address", id="bad-email"),
    pytest.param("author_url", "not a website", "web address", id="bad-website"),
    pytest.param("author_url", "javascript:alert(1)", "web address", id="script-website"),
    pytest.param("body", None, "comment", id="no-body"),
    pytest.param("body", " \n\t ", "comment", id="blank-body"),
    pytest.param("body", "a" * 10_001, "10000", id="body-too-long"),
    pytest.param("body", "nul\x00byte", "null", id="nul-in-body"),
]


def field_container(doc: BeautifulSoup, name: str) -> Any:
    """The element that wraps field ``name``, its label and its error."""
    return reply_form(doc).select_one(f'[name="{name}"]').find_parent(class_="field")


@pytest.mark.parametrize(("field", "value", "hint"), BAD_FIELDS)
def test_invalid_comment_is_not_stored(client, action, field, value, hint):
    post(client, action, **{field: value})
    assert not Comment.objects.exists()


@pytest.mark.parametrize(("field", "value", "hint"), BAD_FIELDS)
def test_invalid_comment_re_renders_the_article_page(client, story, action, field, value, hint):
    response = post(client, action, **{field: value})
    assert response.status_code in (200, 400)
    doc = soup(response)
    assert text(doc.select_one("h1")) == story.title
    assert reply_form(doc) is not None


@pytest.mark.parametrize(("field", "value", "hint"), BAD_FIELDS)
def test_message_is_shown_beside_the_bad_field(client, action, field, value, hint):
    doc = soup(post(client, action, **{field: value}))
    error = field_container(doc, field).select_one(".field__error")
    assert error is not None
    assert hint in text(error).lower().replace(",", "")


@pytest.mark.parametrize(("field", "value", "hint"), BAD_FIELDS)
def test_only_the_bad_field_carries_a_message(client, action, field, value, hint):
    doc = soup(post(client, action, **{field: value}))
    others = [n for n in ("body", "author_name", "author_email", "author_url") if n != field]
    assert all(field_container(doc, n).select(".field__error") == [] for n in others)


@pytest.mark.parametrize(("field", "value", "hint"), BAD_FIELDS)
def test_bad_field_is_marked_invalid_for_assistive_technology(client, action, field, value, hint):
    doc = soup(post(client, action, **{field: value}))
    assert reply_form(doc).select_one(f'[name="{field}"]')["aria-invalid"] == "true"


@pytest.mark.parametrize(("field", "value", "hint"), BAD_FIELDS)
def test_bad_field_points_to_its_message(client, action, field, value, hint):
    """Screen readers read the message with the field: aria-describedby names it."""
    doc = soup(post(client, action, **{field: value}))
    described_by = reply_form(doc).select_one(f'[name="{field}"]')["aria-describedby"]
    error_id = field_container(doc, field).select_one(".field__error")["id"]
    assert error_id in described_by.split()


@pytest.mark.parametrize(("field", "value", "hint"), BAD_FIELDS)
def test_form_says_why_the_comment_was_not_posted(client, action, field, value, hint):
    doc = soup(post(client, action, **{field: value}))
    assert reply_form(doc).select_one('[role="alert"]') is not None


@pytest.mark.parametrize(("field", "value", "hint"), BAD_FIELDS)
def test_everything_typed_is_kept(client, action, field, value, hint):
    typed = {**TYPED, field: value or ""}
    form = reply_form(soup(post(client, action, **{field: value})))
    assert form.select_one('textarea[name="body"]').get_text().strip() == typed["body"].strip()
    for name in ("author_name", "author_email", "author_url"):
        assert (
            form.select_one(f'input[name="{name}"]').get("value", "").strip() == typed[name].strip()
        )
    assert form.select_one('input[name="remember"]').has_attr("checked")


def test_over_long_comment_message_names_the_limit(client, action):
    doc = soup(post(client, action, body="a" * 10_001))
    message = text(field_container(doc, "body").select_one(".field__error")).replace(",", "")
    assert "10000" in message


# HTML and script in a comment -------------------------------------------------------------

HOSTILE = (
    '<script>alert("x")</script><b>bold</b> <img src=x onerror="alert(1)"> '
    "</textarea><script>alert(2)</script>"
)


def test_html_in_a_comment_is_stored_as_typed(client, action):
    post(client, action, body=HOSTILE)
    assert Comment.objects.get().body == HOSTILE


def test_html_in_an_approved_comment_is_shown_as_text(client, story, action):
    post(client, action, body=HOSTILE)
    services.moderate_comments(comments=[Comment.objects.get()], status=Comment.Status.APPROVED)
    doc = soup(client.get(story.get_absolute_url()))
    body = doc.select_one(".comment .comment__body")
    assert body.select("script, b, img") == []
    assert '<script>alert("x")</script><b>bold</b>' in body.get_text()
    assert injected_scripts(doc) == []
    assert [t for t in doc.find_all(True) if any(a.startswith("on") for a in t.attrs)] == []


def test_html_in_a_rejected_comment_is_kept_as_text_in_the_box(client, action):
    doc = soup(post(client, action, body=HOSTILE, author_name=None))
    assert injected_scripts(doc) == []
    box = reply_form(doc).select_one('textarea[name="body"]')
    assert box.get_text().strip() == HOSTILE


def test_html_in_a_rejected_name_is_kept_as_text(client, action):
    doc = soup(post(client, action, author_name='"><script>alert(3)</script>', author_email=None))
    assert injected_scripts(doc) == []
    assert (
        reply_form(doc).select_one('input[name="author_name"]')["value"]
        == '"><script>alert(3)</script>'
    )


# Where comments may not go ------------------------------------------------------------------


@pytest.fixture(params=["draft", "scheduled", "trashed", "unknown"])
def unreachable_action(request: Any, newsroom: dict[str, Any]) -> str:
    """The comment URL of an article readers cannot see (or of no article at all)."""
    if request.param == "unknown":
        return reverse("comments:post", args=[987_654])
    if request.param == "draft":
        target = factories.article(title="Draft", status=Article.Status.DRAFT)
    elif request.param == "scheduled":
        target = factories.article(title="Later", published_at=clock.now() + timedelta(days=1))
    else:
        target = article_services.trash_article(article=factories.article(title="Binned"))
    return reverse("comments:post", args=[target.pk])


def test_comment_on_an_article_readers_cannot_see_is_not_found(client, unreachable_action):
    assert post(client, unreachable_action).status_code == 404
    assert not Comment.objects.exists()


@pytest.fixture
def closed(newsroom: dict[str, Any]) -> Article:
    story = newsroom["stories"][1]
    story.comments_open = False
    return article_services.save_article(article=story)


def test_closed_article_shows_no_reply_form(client, closed):
    doc = soup(client.get(closed.get_absolute_url()))
    assert reply_form(doc) is None
    assert "Comments are closed" in text(doc.select_one("#comments"))


def test_comment_posted_to_a_closed_article_is_refused_with_a_message(client, closed):
    response = post(client, reverse("comments:post", args=[closed.pk]))
    assert response.status_code in (200, 400, 403)
    assert not Comment.objects.exists()
    assert "closed" in text(soup(response).select_one("#comments")).lower()


def test_closed_article_keeps_showing_its_approved_comments(client, closed):
    factories.comment(closed, author_name="Early bird")
    doc = soup(client.get(closed.get_absolute_url()))
    assert [text(a) for a in doc.select(".comment .comment__author")] == ["Early bird"]


def test_get_on_the_comment_url_is_not_allowed(client, action):
    assert client.get(action).status_code == 405


# Oversized posts ---------------------------------------------------------------------------


def test_a_ten_megabyte_comment_comes_back_with_its_text_and_a_message(client, story, action):
    """Past Django's 2.5 MB default, the form still reads the post and says what is wrong.

    The whole text comes back (10 MB is under the 16 MB read limit): cutting it would lose
    what the reader wrote without telling them where.
    """
    body = "word " * (2 * 1024 * 1024)
    response = post(client, action, body=body)
    assert response.status_code == 400  # the article page, with the form and its message
    form = reply_form(soup(response))
    assert form.select_one("textarea[name=body]").get_text().strip() == body.strip()
    message = text(form.select_one("#id_body_error"))
    assert message == f"Comments can be at most 10000 characters; yours has {len(body.strip())}."
    assert not Comment.objects.exists()


def test_a_post_past_the_hard_limit_gets_a_413_page_that_says_why(client, action):
    """40 MB is past every limit: not read, answered with an explained 413 (not a bare 400)."""
    response = post(client, action, body="x" * (40 * 1024 * 1024))
    assert response.status_code == 413
    page = soup(response)
    assert "too large" in text(page.select_one("h1")).lower()
    assert "32 MB" in text(page.select_one("main"))
