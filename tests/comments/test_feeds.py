"""Comment feeds: site-wide and per article, approved comments only, parsed as XML."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

import pytest
from django.utils.feedgenerator import rfc2822_date

from masthead.comments.models import Comment
from tests import factories
from tests.conftest import ago

pytestmark = pytest.mark.django_db


def items(client: Any, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")  # noqa: S314 (ours)
    return [{child.tag: (child.text or "") for child in item} for item in channel.iter("item")]


def test_site_feed_lists_approved_comments_newest_first(client, newsroom, story):
    older = factories.comment(story, author_name="Older", created_at=ago(hours=2))
    newer = factories.comment(newsroom["stories"][1], author_name="Newer", created_at=ago(hours=1))
    factories.comment(story, status=Comment.Status.PENDING, author_name="Held")
    factories.comment(story, status=Comment.Status.SPAM, author_name="Spammer")
    found = items(client, "/comments/feed/")
    assert [i["title"] for i in found] == [
        f"Newer on “{newer.article.title}”", f"Older on “{story.title}”",
    ]  # fmt: skip
    assert found[1]["link"].endswith(f"{story.get_absolute_url()}#comment-{older.pk}")


def test_site_feed_leaves_out_comments_on_hidden_articles(client, story):
    factories.comment(story, author_name="Visible")
    draft = factories.article(title="Draft", status="draft", published_at=None)
    factories.comment(draft, author_name="OnDraft")
    assert [i["title"].split(" on ")[0] for i in items(client, "/comments/feed/")] == ["Visible"]


def test_article_feed_lives_under_the_articles_url(client, newsroom, story):
    factories.comment(story, author_name="Here", body="Line one\n\n<b>bold?</b>")
    factories.comment(newsroom["stories"][1], author_name="Elsewhere")
    found = items(client, f"{story.get_absolute_url()}feed/")
    assert [i["title"] for i in found] == [f"Here on “{story.title}”"]
    assert found[0]["description"] == "<p>Line one</p>\n\n<p>&lt;b&gt;bold?&lt;/b&gt;</p>"


def test_article_feed_of_a_hidden_or_unknown_article_is_404(client, story):
    story.status = "draft"
    story.save()
    assert client.get(f"{story.get_absolute_url()}feed/").status_code == 404
    assert client.get("/2020/01/01/no-such-story/feed/").status_code == 404


def test_feeds_name_the_commenter_but_never_their_email(client, story):
    factories.comment(story, author_name="Named", author_email="secret@example.org")
    for url in ("/comments/feed/", f"{story.get_absolute_url()}feed/"):
        body = client.get(url).content.decode()
        assert "Named" in body
        assert "secret@example.org" not in body


def test_an_article_feed_without_comments_is_dated_by_the_article_not_the_clock(client, story):
    """Its bytes stay the same from request to request (static publishing, ETags)."""
    body = client.get(f"{story.get_absolute_url()}feed/").content
    built = ElementTree.fromstring(body).findtext("channel/lastBuildDate")  # noqa: S314 (ours)
    assert built == rfc2822_date(story.published_at)
