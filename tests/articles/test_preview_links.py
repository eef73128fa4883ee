"""Reviewers' preview links: signed, expiring, revocable, and never cached.

An editor gives an outside reviewer a link (``services.previews``); it shows the story
without an account until it expires or is revoked, and then only a page saying so.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.core import signing

from masthead.articles import services
from masthead.articles.models import Article, PreviewLink
from masthead.articles.services import previews
from masthead.core import clock
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

Status = Article.Status
HEADLINE = "The merger nobody saw coming"


@pytest.fixture
def editor(db: Any) -> Any:
    return factories.person("Editor")


@pytest.fixture
def story(newsroom: dict[str, Any]) -> Article:
    return factories.article(
        title=HEADLINE, status=Status.REVIEW, published_at=None,
        category=newsroom["policy"], tags=newsroom["tags"],
    )  # fmt: skip


def shows_story(response: Any) -> bool:
    return HEADLINE in response.content.decode()


def assert_gone(response: Any, status: int, says: str) -> None:
    """A page saying the link does not work, with ``status``, and nothing of the story."""
    assert response.status_code == status
    assert not shows_story(response)
    assert says in text(soup(response).find("main"))
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_a_link_shows_the_story_to_someone_without_an_account(
    client: Any, editor: Any, story: Article
):
    link, url = previews.create_preview_link(article=story, by=editor, note="Legal")
    response = client.get(url)
    assert response.status_code == 200
    assert shows_story(response)
    page = soup(response)
    assert text(page.find(id="preview-banner-title")) == "Preview — not published"
    assert page.find("section", class_="related").find_all("h3")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    assert "noindex" in response["X-Robots-Tag"]
    # The reviewer is not staff: no way into the back office is offered.
    assert "/admin/" not in response.content.decode()
    assert (link.note, link.created_by) == ("Legal", editor)


def test_a_link_lasts_the_configured_hours_by_default(editor: Any, story: Article, settings: Any):
    settings.PREVIEW_LINK_HOURS = 5
    link, _ = previews.create_preview_link(article=story, by=editor)
    assert link.expires_at - link.created_at == timedelta(hours=5)
    link, _ = previews.create_preview_link(article=story, by=editor, hours=1)
    assert link.expires_at - link.created_at == timedelta(hours=1)


def test_the_same_link_always_has_the_same_address(editor: Any, story: Article):
    link, url = previews.create_preview_link(article=story, by=editor)
    again = PreviewLink.objects.get(pk=link.pk)
    assert previews.preview_link_path(again) == url


def test_a_revoked_link_stops_working_at_once(client: Any, editor: Any, story: Article):
    link, url = previews.create_preview_link(article=story, by=editor)
    assert shows_story(client.get(url))
    previews.revoke_preview_link(link=link, by=editor)
    assert_gone(client.get(url), 410, "withdrawn")
    assert previews.link_state(link) == "revoked"


def test_revoking_twice_keeps_the_first_revocation(editor: Any, story: Article):
    link, _ = previews.create_preview_link(article=story, by=editor)
    first = previews.revoke_preview_link(link=link, by=editor).revoked_at
    other = factories.person("Editor")
    again = previews.revoke_preview_link(link=PreviewLink.objects.get(pk=link.pk), by=other)
    assert (again.revoked_at, again.revoked_by) == (first, editor)


def test_a_link_stops_working_when_its_time_is_up(
    client: Any, editor: Any, story: Article, travel: Any
):
    link, url = previews.create_preview_link(article=story, by=editor, hours=2)
    travel(2 * 3600 - 60)
    assert shows_story(client.get(url))
    travel(2 * 3600 + 1)
    assert_gone(client.get(url), 410, "expired")
    assert previews.link_state(link) == "expired"


def test_the_stored_expiry_is_checked_whatever_the_token_says(
    client: Any, editor: Any, story: Article
):
    link, url = previews.create_preview_link(article=story, by=editor, hours=48)
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=clock.now() - timedelta(seconds=1))
    assert_gone(client.get(url), 410, "expired")


def test_the_token_ages_out_even_if_the_stored_expiry_moved_later(
    client: Any, editor: Any, story: Article, monkeypatch: Any
):
    _, url = previews.create_preview_link(article=story, by=editor, hours=1)
    # Only the signature's clock moves: the row alone would still let the link through.
    real = time.time()
    monkeypatch.setattr(time, "time", lambda: real + 3600 + 5)
    assert_gone(client.get(url), 410, "expired")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("aa" if not token.endswith("aa") else "bb"),
        lambda token: signing.dumps({"link": 1}),  # signed, but without the links' salt
        lambda token: token.split(":", 1)[0],
        lambda token: "not-a-token",
    ],
    ids=["changed-signature", "other-salt", "unsigned", "garbage"],
)
def test_a_tampered_token_shows_nothing(client: Any, editor: Any, story: Article, tamper: Any):
    _, url = previews.create_preview_link(article=story, by=editor)
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert_gone(client.get(f"/preview/link/{tamper(token)}/"), 404, "doesn't work")


def test_a_token_cannot_be_moved_to_another_link(client: Any, editor: Any, story: Article):
    first, _ = previews.create_preview_link(article=story, by=editor)
    second, url = previews.create_preview_link(article=story, by=editor)
    previews.revoke_preview_link(link=second, by=editor)
    payload = signing.b64_encode(f'{{"link":{first.pk}}}'.encode()).decode()
    forged = ":".join([payload, *url.rstrip("/").rsplit("/", 1)[1].split(":")[1:]])
    assert_gone(client.get(f"/preview/link/{forged}/"), 404, "doesn't work")


def test_a_link_to_a_story_published_since_leads_to_its_public_page(
    client: Any, editor: Any, story: Article
):
    _, url = previews.create_preview_link(article=story, by=editor)
    services.publish_article(article=story, by=editor)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == story.get_absolute_url()


def test_a_link_to_a_story_moved_to_the_trash_stops_working(
    client: Any, editor: Any, story: Article
):
    _, url = previews.create_preview_link(article=story, by=editor)
    services.trash_article(article=story, by=editor)
    assert_gone(client.get(url), 410, "no longer available")


def test_the_page_cache_never_stores_or_serves_a_preview(
    client: Any, editor: Any, story: Article, travel: Any
):
    link, url = previews.create_preview_link(article=story, by=editor)
    first, second = client.get(url), client.get(url)
    assert shows_story(first)
    assert shows_story(second)
    # The cache does not even look (previews are among its skipped paths).
    assert not first.has_header("X-Page-Cache")
    assert not second.has_header("X-Page-Cache")
    previews.revoke_preview_link(link=link, by=editor)
    assert_gone(client.get(url), 410, "withdrawn")


# Who may give links out ---------------------------------------------------------------


def test_an_author_may_give_out_links(story: Article):
    link, _ = previews.create_preview_link(article=story, by=factories.person("Author"))
    assert link.pk


def test_a_contributor_may_not_give_out_or_revoke_links(editor: Any, story: Article):
    contributor = factories.person("Contributor")
    Article.objects.filter(pk=story.pk).update(created_by=contributor)
    story.refresh_from_db()
    with pytest.raises(services.NotAllowed):
        previews.create_preview_link(article=story, by=contributor)
    link, _ = previews.create_preview_link(article=story, by=editor)
    with pytest.raises(services.NotAllowed):
        previews.revoke_preview_link(link=link, by=contributor)
    assert previews.link_state(PreviewLink.objects.get(pk=link.pk)) == "active"


def test_an_author_may_not_link_a_colleagues_story_in_the_trash(story: Article, editor: Any):
    services.trash_article(article=story, by=editor)
    with pytest.raises(services.NotAllowed):
        previews.create_preview_link(article=story, by=factories.person("Author"))


def test_no_link_is_given_for_a_public_story(newsroom: dict[str, Any], editor: Any):
    with pytest.raises(services.NotAllowed, match="public already"):
        previews.create_preview_link(article=newsroom["stories"][0], by=editor)
    assert not PreviewLink.objects.exists()


@pytest.mark.parametrize("hours", [0, -1, previews.MAX_HOURS + 1])
def test_a_lifetime_outside_the_limits_is_refused(editor: Any, story: Article, hours: int):
    with pytest.raises(ValueError, match="lasts from 1"):
        previews.create_preview_link(article=story, by=editor, hours=hours)
    assert not PreviewLink.objects.exists()


def test_nothing_public_lists_a_previewed_story_or_its_link(
    client: Any, editor: Any, story: Article
):
    _, url = previews.create_preview_link(article=story, by=editor)
    assert shows_story(client.get(url))
    for path in ("/", "/feed/", "/feed.json", "/news-sitemap.xml", "/search/?q=merger"):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert HEADLINE not in body, path
        assert "/preview/" not in body, path


def test_links_are_given_out_by_someone_never_by_the_system(story: Article):
    with pytest.raises(services.NotAllowed):
        previews.create_preview_link(article=story, by=None)
