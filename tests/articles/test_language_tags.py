"""An article's language is a BCP 47 tag, through every door: admin, API, saves, checks."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from masthead.articles import services
from masthead.articles.models import Article
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client: Any) -> Any:
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-123456")
    client.force_login(user)
    return client


def story_form(newsroom: dict[str, Any], language: str) -> dict[str, Any]:
    return {
        "title": "Written in the back office", "slug": "", "dek": "", "body": "Hello.",
        "status": "draft", "comments_open": "on", "category": newsroom["ai"].pk,
        "language": language,
        "authorships-TOTAL_FORMS": "1", "authorships-INITIAL_FORMS": "0",
        "authorships-0-author": newsroom["alice"].pk, "authorships-0-position": "0",
        "revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0",
    }  # fmt: skip


def test_the_story_form_refuses_a_language_that_is_no_tag_and_says_why(editor, newsroom):
    response = editor.post(reverse("admin:articles_article_add"), story_form(newsroom, "English"))
    assert response.status_code == 200
    errors = soup(response).select(".field-language .errorlist")
    assert "“english” is not a language" in text(errors[0])
    assert not Article.objects.filter(title="Written in the back office").exists()


def test_the_story_form_stores_a_tag_in_its_usual_case(editor, newsroom):
    response = editor.post(reverse("admin:articles_article_add"), story_form(newsroom, "en-gb"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Article.objects.get(title="Written in the back office").language == "en-GB"


def test_the_api_refuses_a_language_that_is_no_tag(newsroom):
    from tests.api.conftest import client_for, problem, user_with

    client = client_for(user_with("articles.add_article", "articles.change_article"))
    new = {"title": "Port reopens", "category": "ai", "body": "Text.", "language": "en_GB"}
    body = problem(client.post("/api/v1/articles/", new, format="json"), 400)
    assert "uses “_”" in str(body["errors"]["language"])
    created = client.post("/api/v1/articles/", {**new, "language": "pt-br"}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["language"] == "pt-BR"


def test_saving_writes_a_well_formed_tag_in_its_usual_case(newsroom):
    story = newsroom["stories"][0]
    story.language = "ZH-hant-tw"
    services.save_article(article=story)
    story.refresh_from_db()
    assert story.language == "zh-Hant-TW"


def test_the_system_check_names_stored_languages_that_are_no_tags(newsroom):
    """``masthead check --database default`` (and every migrate) warns: masthead.W005."""
    story = newsroom["stories"][0]
    Article.objects.filter(pk=story.pk).update(language="Deutsch")
    with pytest.raises(SystemCheckError, match=r"masthead\.W005.*1 article\(s\).*'Deutsch'"):
        call_command("check", databases=["default"], fail_level="WARNING")
    Article.objects.filter(pk=story.pk).update(language="de")
    call_command("check", databases=["default"], fail_level="WARNING")
