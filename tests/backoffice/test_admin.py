"""The back office: every screen opens, and saving an article goes through the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from masthead.articles.models import Article, Revision
from tests import factories
from tests.conftest import ago, soup

pytestmark = pytest.mark.django_db

MODELS = ["article", "category", "tag", "author", "source", "image", "sitesettings", "menuitem"]


@pytest.fixture
def editor(client: Any) -> Any:
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-123456")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_every_list_and_add_screen_opens(editor: Any, newsroom: dict[str, Any], model: str):
    listing = editor.get(reverse(f"admin:articles_{model}_changelist"), follow=True)
    assert listing.status_code == 200
    add = editor.get(reverse(f"admin:articles_{model}_add"))
    # Site settings is a single row: once it exists, adding another is refused.
    assert add.status_code == (403 if model == "sitesettings" else 200)


def test_the_site_settings_list_opens_the_one_row(editor: Any, newsroom: dict[str, Any]):
    from masthead.articles.models import SiteSettings

    response = editor.get(reverse("admin:articles_sitesettings_changelist"))
    row = SiteSettings.objects.get()
    assert response["Location"] == reverse("admin:articles_sitesettings_change", args=[row.pk])


def test_article_change_screen_opens(editor: Any, newsroom: dict[str, Any]):
    story = newsroom["stories"][0]
    response = editor.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert response.status_code == 200
    assert story.get_absolute_url() in response.content.decode()


def test_saving_in_the_admin_renders_markdown_and_stores_a_revision(
    editor: Any, newsroom: dict[str, Any]
):
    form = {
        "title": "Written in the back office",
        "slug": "",
        "dek": "A dek.",
        "body": "Hello **world**.",
        "status": "published",
        "published_at_0": ago(hours=1).strftime("%Y-%m-%d"),
        "published_at_1": ago(hours=1).strftime("%H:%M:%S"),
        "comments_open": "on",
        "category": newsroom["ai"].pk,
        "language": "en",
        "authorships-TOTAL_FORMS": "1",
        "authorships-INITIAL_FORMS": "0",
        "authorships-0-author": newsroom["alice"].pk,
        "authorships-0-position": "0",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
    }
    response = editor.post(reverse("admin:articles_article_add"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="Written in the back office")
    assert article.body_html == "<p>Hello <strong>world</strong>.</p>\n"
    assert article.slug == "written-in-the-back-office"
    assert Revision.objects.filter(article=article).count() == 1
    assert [a.slug for a in article.byline] == ["alice"]


def test_publish_action_publishes_drafts(editor: Any, newsroom: dict[str, Any]):
    story = newsroom["stories"][1]
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
    editor.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [story.pk]},
    )
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED


def test_a_colleagues_story_opened_by_url_says_why_it_is_read_only(client: Any):
    """An Author who opens a Contributor's story sees it read-only, and the reason, once."""
    casey = factories.person("Contributor", "casey", byline=True)
    story = factories.article(title="Filed by Casey", status=Article.Status.REVIEW,
                              published_at=None, authors=[casey.author_profile])  # fmt: skip
    client.force_login(factories.person("Author", "avery", byline=True))
    change = reverse("admin:articles_article_change", args=[story.pk])
    reason = "You can't edit this story: it is a colleague's, and only editors act on those."

    opened = client.get(change)
    forged = client.post(change, {"title": "Mine now", "status": "published"}, follow=True)

    assert [str(m) for m in opened.context["messages"]] == [reason]
    assert [str(m) for m in forged.context["messages"]] == [reason]
    assert not soup(opened).select("input[name=_save]")
    assert Article.objects.get(pk=story.pk).title == "Filed by Casey"


def test_a_nul_in_a_search_is_refused_with_a_400_that_says_why(editor: Any):
    """Django's admin search took a NUL to the database, where PostgreSQL failed with a 500."""
    answer = editor.get(reverse("admin:articles_article_changelist"), {"q": "bridge\x00x"})
    assert answer.status_code == 400
    assert "NUL character" in answer.content.decode()
    assert (
        editor.get(reverse("admin:articles_article_changelist"), {"q": "bridge"}).status_code == 200
    )


def test_a_nul_in_a_public_search_still_gets_a_page(db: Any, client: Any):
    assert client.get("/search/", {"q": "bridge\x00x"}).status_code == 200


def test_a_nul_in_an_api_query_is_an_explained_problem(db: Any, client: Any):
    answer = client.get("/api/v1/articles/", {"tag": "\x00"})
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"
    assert "NUL character" in answer.json()["detail"]
