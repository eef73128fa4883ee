"""Emails to an article's authors about comments awaiting moderation, and their links.

Comments are posted through the article page's form; the emails go to a real SMTP server
on localhost; the links in them are followed with the test client.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.test import Client

from masthead.articles import services as article_services
from masthead.articles.models import Article
from masthead.comments import notifications, services
from masthead.comments.models import Comment, CommentSettings
from tests import factories
from tests.comments.conftest import Delivery, Inbox
from tests.comments.posting import post
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

SITE = "https://news.example.org"
NO_STORE = {"private", "no-store"}


@pytest.fixture(autouse=True)
def _site_url(settings: Any) -> None:
    settings.SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "The Test Gazette <desk@gazette.example>"


def staff(username: str, email: str, **fields: Any) -> Any:
    """A newsroom account; links, not passwords, are what these tests use."""
    return get_user_model().objects.create_user(username=username, email=email, **fields)


@pytest.fixture
def alice(newsroom: dict[str, Any]) -> Any:
    """Alice's newsroom account; she is the first author of the story."""
    user = staff("alice", "alice@gazette.example")
    newsroom["alice"].user = user
    newsroom["alice"].save()
    return user


@pytest.fixture
def bob(newsroom: dict[str, Any]) -> Any:
    """Bob's newsroom account; he is the story's second author."""
    user = staff("bob", "Bob@Gazette.example")
    newsroom["bob"].user = user
    newsroom["bob"].save()
    return user


@pytest.fixture
def story(newsroom: dict[str, Any], alice: Any, bob: Any) -> Article:
    """A story by Alice and Bob, in that order."""
    story = newsroom["stories"][0]
    assert [a.name for a in story.byline] == ["Alice Reporter", "Bob Writer"]
    return story


def comment_on(client: Any, action: str, capture: Any, **changes: Any) -> Any:
    """Post a comment through the form, running what waits for the commit (the emails)."""
    with capture(execute=True):
        response = post(client, action, **changes)
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def links(delivery: Delivery) -> dict[str, str]:
    """The links of the HTML part, by their text."""
    doc = BeautifulSoup(delivery.part("text/html"), "html.parser")
    return {text(a): a["href"] for a in doc.select("a[href]")}


def path_of(url: str) -> str:
    assert url.startswith(f"{SITE}/"), url
    return urlsplit(url).path


def held_comment(client: Any, action: str, capture: Any, inbox: Inbox, **changes: Any) -> Any:
    """Post a comment that is held; return it and Alice's email about it."""
    comment_on(client, action, capture, **changes)
    comment = Comment.objects.latest("pk")
    assert comment.status == Comment.Status.PENDING
    (mine,) = inbox.to("alice@gazette.example")
    return comment, mine


# Who is told ----------------------------------------------------------------------------


def test_each_author_with_an_address_gets_exactly_one_message(
    client, action, django_capture_on_commit_callbacks, smtp_server
):
    comment_on(client, action, django_capture_on_commit_callbacks)
    assert [d.rcpt_tos for d in smtp_server.deliveries] == [
        ["alice@gazette.example"],
        ["Bob@gazette.example"],
    ]


def test_message_comes_from_the_sites_address(
    client, action, django_capture_on_commit_callbacks, smtp_server
):
    comment_on(client, action, django_capture_on_commit_callbacks)
    delivery = smtp_server.deliveries[0]
    assert delivery.mail_from == "desk@gazette.example"
    assert delivery.message["From"] == "The Test Gazette <desk@gazette.example>"
    assert delivery.message["To"] == "alice@gazette.example"


def test_authors_without_an_account_or_an_address_get_nothing(
    client, story, action, django_capture_on_commit_callbacks, smtp_server, bob
):
    bob.email = ""
    bob.save()
    carol = factories.AuthorFactory(name="Carol Freelance", slug="carol")  # no user at all
    article_services.save_article(article=story, authors=[*story.byline, carol])
    comment_on(client, action, django_capture_on_commit_callbacks)
    assert [d.rcpt_tos for d in smtp_server.deliveries] == [["alice@gazette.example"]]


def test_inactive_authors_get_nothing(
    client, action, django_capture_on_commit_callbacks, smtp_server, bob
):
    bob.is_active = False
    bob.save()
    comment_on(client, action, django_capture_on_commit_callbacks)
    assert [d.rcpt_tos for d in smtp_server.deliveries] == [["alice@gazette.example"]]


def test_two_authors_sharing_an_address_get_one_message(
    client, action, django_capture_on_commit_callbacks, smtp_server, bob
):
    bob.email = "ALICE@gazette.example "
    bob.save()
    comment_on(client, action, django_capture_on_commit_callbacks)
    assert [d.rcpt_tos for d in smtp_server.deliveries] == [["alice@gazette.example"]]


def test_no_message_about_an_approved_comment(
    client, story, action, django_capture_on_commit_callbacks, smtp_server
):
    factories.comment(story, author_email="ada@example.org", body="An earlier, approved one.")
    comment_on(client, action, django_capture_on_commit_callbacks)
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
    assert smtp_server.deliveries == []


def test_no_message_when_the_settings_say_not_to(
    client, action, django_capture_on_commit_callbacks, smtp_server
):
    with django_capture_on_commit_callbacks(execute=True):  # lets the cached rules go stale
        CommentSettings.objects.create(notify_authors=False)
    comment_on(client, action, django_capture_on_commit_callbacks)
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert smtp_server.deliveries == []


# What the message says ------------------------------------------------------------------


@pytest.mark.parametrize("part", ["text/plain", "text/html"])
def test_message_names_the_commenter_the_article_and_why_it_was_held(
    client, story, action, django_capture_on_commit_callbacks, smtp_server, part
):
    comment_on(client, action, django_capture_on_commit_callbacks, body="I was there too.")
    delivery = smtp_server.deliveries[0]
    subject = delivery.message["Subject"]
    assert "Ada Reader" in subject
    assert story.title in subject
    body = " ".join(BeautifulSoup(delivery.part(part), "html.parser").get_text(" ").split())
    assert "Ada Reader" in body
    assert story.title in body
    assert "first comment from this address" in body
    assert "I was there too." in body


def test_message_links_are_absolute_and_go_to_the_right_places(
    client, story, action, django_capture_on_commit_callbacks, smtp_server
):
    _, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    found = links(mine)
    assert found[story.title] == SITE + story.get_absolute_url()
    assert path_of(found["Approve"]).startswith("/comments/moderate/")
    assert path_of(found["Mark as spam"]).startswith("/comments/moderate/")
    assert path_of(found["See it in the back office"]).startswith("/admin/")
    plain = mine.part("text/plain")
    assert all(url in plain for url in found.values())
    assert client.get(path_of(found[story.title])).status_code == 200


def test_each_author_gets_links_of_their_own(
    client, action, django_capture_on_commit_callbacks, smtp_server
):
    comment_on(client, action, django_capture_on_commit_callbacks)
    alices, bobs = (links(d)["Approve"] for d in smtp_server.deliveries)
    assert alices != bobs


def test_html_part_shows_markup_in_a_comment_as_text(
    client, action, django_capture_on_commit_callbacks, smtp_server
):
    hostile = '<script>alert("x")</script><img src=x onerror="alert(1)">'
    comment_on(client, action, django_capture_on_commit_callbacks, body=hostile, author_name="<b>A")
    html = smtp_server.deliveries[0].part("text/html")
    doc = BeautifulSoup(html, "html.parser")
    assert doc.select("script, img, b") == []
    assert "&lt;script&gt;" in html
    assert hostile in doc.get_text()
    assert hostile in smtp_server.deliveries[0].part("text/plain")


# Following the links ----------------------------------------------------------------------


def test_opening_the_approve_link_changes_nothing(
    client, action, django_capture_on_commit_callbacks, smtp_server
):
    """Mail scanners open links: a GET only asks."""
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    response = client.get(path_of(links(mine)["Approve"]))
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.moderated_by is None
    doc = soup(response)
    assert text(doc.select_one("h1")) == "Approve this comment?"
    assert comment.body.splitlines()[0] in text(doc.select_one("main"))
    form = doc.select_one('main form[method="post"]')
    assert form.select_one('input[name="csrfmiddlewaretoken"]') is not None
    assert text(form.select_one("button")) == "Approve"


def test_confirming_the_approve_link_approves_as_the_recipient(
    client, action, django_capture_on_commit_callbacks, smtp_server, alice
):
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    response = client.post(path_of(links(mine)["Approve"]))
    assert response.status_code == 200
    assert "Approved" in text(soup(response).select_one('main [role="status"]'))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == alice
    assert comment.status_changed_at is not None


def test_confirming_the_spam_link_marks_the_comment_as_spam(
    client, action, django_capture_on_commit_callbacks, smtp_server, alice
):
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    spam = path_of(links(mine)["Mark as spam"])
    assert text(soup(client.get(spam)).select_one("h1")) == "Mark this comment as spam?"
    client.post(spam)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM
    assert comment.moderated_by == alice


def test_the_confirmation_form_posts_with_its_csrf_token(
    action, client, django_capture_on_commit_callbacks, smtp_server
):
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    author = Client(enforce_csrf_checks=True)
    link = path_of(links(mine)["Approve"])
    form = soup(author.get(link)).select_one('main form[method="post"]')
    token = form.select_one('input[name="csrfmiddlewaretoken"]')["value"]
    assert author.post(link).status_code == 403
    assert author.post(link, {"csrfmiddlewaretoken": token}).status_code == 200
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_a_link_for_a_comment_moderated_since_says_it_was_used_and_changes_nothing(
    client, action, django_capture_on_commit_callbacks, smtp_server, bob
):
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    services.moderate_comments(comments=[comment], status=Comment.Status.APPROVED, by=bob)
    link = path_of(links(mine)["Approve"])
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 200
        page = soup(response)
        assert text(page.select_one("h1")) == "This link has been used"
        assert "already been moderated by bob" in text(page.select_one("main"))
        assert page.select('main form[method="post"]') == []
    comment.refresh_from_db()
    assert comment.moderated_by == bob


def test_a_link_works_once(client, action, django_capture_on_commit_callbacks, smtp_server):
    """The second POST of the same link (a replay) changes nothing, nor does the other link."""
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    approve, spam = path_of(links(mine)["Approve"]), path_of(links(mine)["Mark as spam"])
    assert "Approved" in text(soup(client.post(approve)).select_one("main"))
    for link in (approve, spam):
        again = soup(client.post(link))
        assert text(again.select_one("h1")) == "This link has been used"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_a_link_stays_used_when_the_comment_goes_back_to_pending(
    client, action, django_capture_on_commit_callbacks, smtp_server, bob
):
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    spam = path_of(links(mine)["Mark as spam"])
    client.post(path_of(links(mine)["Approve"]))
    comment.refresh_from_db()
    services.moderate_comments(comments=[comment], status=Comment.Status.PENDING, by=bob)
    assert text(soup(client.post(spam)).select_one("h1")) == "This link has been used"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


@pytest.mark.django_db(transaction=True)
def test_using_a_link_is_in_the_audit_log(
    client, action, django_capture_on_commit_callbacks, smtp_server, alice
):
    """As its recipient, from the address that used it; commits run as in production."""
    from masthead.backoffice.models import AuditEntry

    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    link = path_of(links(mine)["Mark as spam"])
    client.get(link)
    assert not AuditEntry.objects.filter(action="comment_moderated").exists()  # only opened
    client.post(link, REMOTE_ADDR="203.0.113.9")
    entry = AuditEntry.objects.get(action="comment_moderated")
    assert (entry.action, entry.actor, entry.object_id) == ("comment_moderated", alice,
                                                            str(comment.pk))  # fmt: skip
    assert entry.ip == "203.0.113.9"
    assert entry.detail == {"status": "spam", "via": "email link"}


def test_a_spam_link_for_an_approved_comment_says_what_it_is_now(
    client, action, django_capture_on_commit_callbacks, smtp_server, bob
):
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    services.moderate_comments(comments=[comment], status=Comment.Status.APPROVED, by=bob)
    page = text(soup(client.get(path_of(links(mine)["Mark as spam"]))).select_one("main"))
    assert "now approved" in page
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


@pytest.mark.parametrize("days", [1, 1.99])
def test_a_link_works_for_two_days(
    client, action, django_capture_on_commit_callbacks, smtp_server, monkeypatch, days
):
    comment, mine = sent_days_ago(days, client, action, django_capture_on_commit_callbacks,
                                  smtp_server, monkeypatch)  # fmt: skip
    assert client.post(path_of(links(mine)["Approve"])).status_code == 200
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_a_link_older_than_two_days_is_refused_with_a_way_on(
    client, action, django_capture_on_commit_callbacks, smtp_server, monkeypatch
):
    comment, mine = sent_days_ago(2.01, client, action, django_capture_on_commit_callbacks,
                                  smtp_server, monkeypatch)  # fmt: skip
    link = path_of(links(mine)["Approve"])
    for response in (client.get(link), client.post(link)):
        assert_refused(response)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_the_links_lifetime_is_a_setting_and_the_email_says_it(
    client, action, django_capture_on_commit_callbacks, smtp_server, monkeypatch, settings
):
    settings.COMMENT_LINK_HOURS = 6
    comment, mine = sent_days_ago(0.3, client, action, django_capture_on_commit_callbacks,
                                  smtp_server, monkeypatch)  # fmt: skip
    assert "work once, for 6 hours" in mine.part("text/plain")
    assert_refused(client.post(path_of(links(mine)["Approve"])))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def sent_days_ago(days: float, client, action, capture, inbox, monkeypatch) -> Any:
    """A held comment and Alice's email about it, its links signed ``days`` ago."""
    then = int(time.time() - days * 86400)
    with monkeypatch.context() as patch:
        patch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))
        return held_comment(client, action, capture, inbox)


def assert_refused(response: Any) -> None:
    assert response.status_code == 400
    main = text(soup(response).select_one("main"))
    assert "This link has expired or is not valid." in main
    assert "Moderate the comment in the back office" in main
    assert soup(response).select_one('main a[href*="/admin/"]') is not None


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda t: t.replace(".approve.", ".spam.", 1), id="other-action"),
        pytest.param(lambda t: "1" + t, id="other-comment"),
        pytest.param(lambda t: t[:-2], id="cut-short"),
        pytest.param(lambda t: "not-a-token", id="garbage"),
        pytest.param(lambda t: t.split(":", 1)[0], id="unsigned"),
    ],
)
def test_a_tampered_link_is_refused(
    client, action, django_capture_on_commit_callbacks, smtp_server, tamper
):
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    token = path_of(links(mine)["Approve"]).split("/")[-2]
    for method in (client.get, client.post):
        assert_refused(method(f"/comments/moderate/{tamper(token)}/"))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_link_for_another_comment_cannot_be_forged_from_a_good_one():
    """The token names the comment, the action and the user, all under one signature."""
    signed = notifications.make_token(
        comment=Comment(pk=12), action="approve", user=get_user_model()(pk=3)
    )
    assert notifications.read_token(signed) == notifications.LinkOrder(12, "approve", 3, "-")
    with pytest.raises(notifications.BadLink):
        notifications.read_token(signed.replace("12.", "13.", 1))


def test_a_link_to_a_deleted_comment_is_not_found(
    client, action, django_capture_on_commit_callbacks, smtp_server
):
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    services.delete_comments(comments=[comment])
    response = client.get(path_of(links(mine)["Approve"]))
    assert response.status_code == 404
    assert "deleted" in text(soup(response).select_one("main"))


def test_a_deactivated_recipient_may_no_longer_use_the_link(
    client, action, django_capture_on_commit_callbacks, smtp_server, alice
):
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    alice.is_active = False
    alice.save()
    assert client.post(path_of(links(mine)["Approve"])).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_an_author_taken_off_the_byline_may_no_longer_use_the_link(
    client, story, action, django_capture_on_commit_callbacks, smtp_server, newsroom
):
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    article_services.save_article(article=story, authors=[newsroom["bob"]])
    assert client.post(path_of(links(mine)["Approve"])).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_recipient_who_may_moderate_all_comments_keeps_the_link_off_the_byline(
    client, story, action, django_capture_on_commit_callbacks, smtp_server, newsroom, alice
):
    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    article_services.save_article(article=story, authors=[newsroom["bob"]])
    alice.user_permissions.add(Permission.objects.get(codename="change_comment"))
    assert client.post(path_of(links(mine)["Approve"])).status_code == 200
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("token", ["good", "bad"])
def test_link_pages_are_private_and_not_indexed(
    client, action, django_capture_on_commit_callbacks, smtp_server, method, token
):
    _, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    link = path_of(links(mine)["Approve"]) if token == "good" else "/comments/moderate/x/"
    response = getattr(client, method)(link)
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == NO_STORE
    assert response["X-Robots-Tag"] == "noindex"
    assert soup(response).select_one('meta[name="robots"]')["content"] == "noindex"


# When the mail server is down -------------------------------------------------------------


def test_comment_is_stored_and_the_failure_logged_when_smtp_is_down(
    client, action, django_capture_on_commit_callbacks, smtp_down, caplog
):
    with caplog.at_level("ERROR", logger="masthead.comments"):
        response = comment_on(client, action, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING
    (record,) = [r for r in caplog.records if r.name == "masthead.comments"]
    assert record.levelname == "ERROR"
    assert "Could not email the authors" in record.getMessage()
    assert isinstance(record.exc_info[1], OSError)


def test_a_refused_recipient_does_not_stop_the_others(
    client, action, django_capture_on_commit_callbacks, smtp_server, caplog, alice
):
    smtp_server.refuse.add("alice@gazette.example")
    with caplog.at_level("ERROR", logger="masthead.comments"):
        comment_on(client, action, django_capture_on_commit_callbacks)
    assert [d.rcpt_tos for d in smtp_server.deliveries] == [["Bob@gazette.example"]]
    assert [r.getMessage() for r in caplog.records if r.name == "masthead.comments"] == [
        f"Could not email user {alice.pk} about comment {Comment.objects.get().pk}"
    ]


# Valid HTML -------------------------------------------------------------------------------


@pytest.mark.slow
def test_link_pages_and_the_html_email_are_valid_html(
    client, action, django_capture_on_commit_callbacks, smtp_server, tmp_path
):
    from tests.site.test_html_validity import validate

    comment, mine = held_comment(client, action, django_capture_on_commit_callbacks, smtp_server)
    link = path_of(links(mine)["Approve"])
    pages = {"email": mine.part("text/html").encode(), "confirm": client.get(link).content}
    pages["done"] = client.post(link).content
    pages["already"] = client.get(link).content
    pages["bad-link"] = client.get("/comments/moderate/nonsense/").content
    services.delete_comments(comments=[comment])
    pages["deleted"] = client.get(link).content
    errors = validate(pages, tmp_path)
    assert errors == [], errors


def test_nothing_is_sent_for_a_comment_by_one_of_the_authors(
    action, client, django_capture_on_commit_callbacks, smtp_server, alice
):
    """Alice needs no email about her own comment; Bob still gets one."""
    client.force_login(alice)
    comment_on(client, action, django_capture_on_commit_callbacks)
    assert Comment.objects.get().user == alice
    assert [d.rcpt_tos for d in smtp_server.deliveries] == [["Bob@gazette.example"]]
