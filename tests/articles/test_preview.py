"""The staff preview at /preview/<id>/: a story not yet public, as readers will see it.

Only staff who may see the story get it; everyone else learns nothing (a login page or a
404). The page is the public article page with a banner, and it is never cached or indexed.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from masthead.articles import services
from masthead.articles.models import Article
from masthead.core import clock
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

Status = Article.Status


def preview_of(article: Article) -> str:
    return reverse("articles:preview", args=[article.pk])


def draft(newsroom: dict[str, Any], **fields: Any) -> Article:
    """A draft sharing the newsroom's tags and section, so it has related posts."""
    defaults = {
        "title": "The draft nobody has read",
        "status": Status.DRAFT,
        "published_at": None,
        "category": newsroom["policy"],
        "tags": newsroom["tags"],
        "authors": [newsroom["alice"]],
    }
    return factories.article(**{**defaults, **fields})


@pytest.fixture
def editor(client: Any) -> Any:
    client.force_login(factories.person("Editor"))
    return client


def assert_private_preview(response: Any) -> None:
    """The response is a preview page: banner, noindex, and not for any shared cache."""
    assert response.status_code == 200
    page = soup(response)
    banner = page.find("section", class_="preview-banner")
    assert banner is not None, "no preview banner"
    title = page.find(id=banner["aria-labelledby"])
    assert text(title) == "Preview — not published"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert "noindex" in response["X-Robots-Tag"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_an_editor_sees_a_draft_as_readers_will_with_banner_and_related_posts(
    editor: Any, newsroom: dict[str, Any]
):
    story = draft(newsroom, dek="What the draft is about.")
    response = editor.get(preview_of(story))
    assert_private_preview(response)
    page = soup(response)
    assert text(page.find("h1", class_="story__title")) == story.title
    assert text(page.find(class_="story__dek")) == "What the draft is about."
    assert page.find(class_="story__body").find("strong")
    related = page.find("section", class_="related")
    assert related is not None, "no related posts"
    assert related.find_all("h3")
    assert "Alice Reporter" in text(page.find(class_="byline"))
    assert "Draft" in text(page.find("section", class_="preview-banner"))


def test_the_preview_carries_the_articles_metadata(editor: Any, newsroom: dict[str, Any]):
    story = draft(newsroom)
    page = soup(editor.get(preview_of(story)))
    assert page.find("meta", property="og:title")["content"] == story.title
    assert page.find("script", type="application/ld+json") is not None


def test_a_story_in_review_shows_its_state_in_the_banner(editor: Any, newsroom: dict[str, Any]):
    story = draft(newsroom, status=Status.REVIEW)
    response = editor.get(preview_of(story))
    assert_private_preview(response)
    assert "In review" in text(soup(response).find("section", class_="preview-banner"))


def test_a_scheduled_story_shows_its_time_and_appears_as_it_will_then(
    editor: Any, newsroom: dict[str, Any], monkeypatch: Any
):
    at = (clock.now() + timedelta(days=2)).replace(microsecond=0)
    story = draft(newsroom, status=Status.PUBLISHED, published_at=at)
    response = editor.get(preview_of(story))
    assert_private_preview(response)
    banner = soup(response).find("section", class_="preview-banner")
    assert "Scheduled for" in text(banner)
    assert banner.find("time")["datetime"] == at.isoformat()
    before = soup(response).find("article", class_="story")
    # When its time comes, the public page shows the same story, word for word.
    monkeypatch.setattr(clock, "now", lambda: at + timedelta(minutes=1))
    public = soup(editor.get(story.get_absolute_url())).find("article", class_="story")
    for part in ("story__header", "story__body", "tags", "related"):
        assert before.find(class_=part) == public.find(class_=part), part


def test_a_draft_is_dated_as_if_published_now_without_being_saved(
    editor: Any, newsroom: dict[str, Any]
):
    story = draft(newsroom)
    page = soup(editor.get(preview_of(story)))
    shown = page.find(class_="story__dates").find("time")["datetime"]
    assert shown.startswith(clock.now().date().isoformat())
    stored = Article.objects.get(pk=story.pk)
    assert (stored.published_at, stored.pub_date, stored.version) == (None, None, story.version)


def test_an_author_previews_their_own_draft(client: Any, newsroom: dict[str, Any]):
    author = factories.person("Author")
    story = draft(newsroom, created_by=author)
    client.force_login(author)
    assert_private_preview(client.get(preview_of(story)))


def test_a_contributor_cannot_preview_a_colleagues_trashed_story(
    client: Any, newsroom: dict[str, Any]
):
    story = services.trash_article(article=draft(newsroom))
    client.force_login(factories.person("Contributor"))
    response = client.get(preview_of(story))
    assert response.status_code == 404
    assert story.title not in response.content.decode()


def test_a_contributor_previews_their_own_story_even_in_the_trash(
    client: Any, newsroom: dict[str, Any]
):
    contributor = factories.person("Contributor")
    story = services.trash_article(article=draft(newsroom, created_by=contributor))
    client.force_login(contributor)
    assert_private_preview(client.get(preview_of(story)))


def test_an_anonymous_visitor_is_sent_to_log_in_and_learns_nothing(
    client: Any, newsroom: dict[str, Any]
):
    story = draft(newsroom)
    response = client.get(preview_of(story))
    missing = client.get(reverse("articles:preview", args=[story.pk + 1000]))
    login = reverse("admin:login")
    assert response.status_code == missing.status_code == 302
    assert response["Location"].startswith(login)
    assert missing["Location"].startswith(login)
    assert story.title not in response.content.decode()


def test_a_signed_in_reader_without_staff_status_gets_a_404(client: Any, newsroom: dict[str, Any]):
    story = draft(newsroom)
    reader = factories.person("Editor")
    reader.is_staff = False
    reader.save()
    client.force_login(reader)
    assert client.get(preview_of(story)).status_code == 404


def test_a_story_published_since_sends_staff_to_its_public_page(
    editor: Any, newsroom: dict[str, Any]
):
    story = newsroom["stories"][0]
    response = editor.get(preview_of(story))
    assert response.status_code == 302
    assert response["Location"] == story.get_absolute_url()


def test_the_page_cache_never_serves_a_staff_preview(
    editor: Any, newsroom: dict[str, Any], travel: Any
):
    story = draft(newsroom)
    first, second = editor.get(preview_of(story)), editor.get(preview_of(story))
    assert_private_preview(second)
    assert second.get("X-Page-Cache") != "hit"
    story.title = "A new headline"
    services.save_article(article=story)
    assert text(soup(editor.get(preview_of(story))).find("h1")) == "A new headline"
    assert first.status_code == 200
