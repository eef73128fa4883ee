"""The newsroom's rules for a story's first save, which has no stored status to move from."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from masthead.articles import services
from masthead.articles.models import Article
from masthead.articles.policy import rules
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db
Status = Article.Status


def new_story(status: str) -> Article:
    return Article(title="Filed tonight", body="Words.", category=factories.CategoryFactory(),
                   status=status)  # fmt: skip


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.UNPUBLISHED, Status.TRASH])
def test_a_contributor_cannot_save_a_new_story_past_review(status: str):
    """A new story is a draft to the rules: a Contributor's first save publishes nothing."""
    casey = factories.person("Contributor", "casey", byline=True)

    with pytest.raises(services.NotAllowed):
        services.save_article(article=new_story(status), by=casey)

    assert not Article.objects.exists()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW])
def test_a_contributor_may_file_a_new_story_as_a_draft_or_for_review(status: str):
    casey = factories.person("Contributor", "casey", byline=True)

    story = services.save_article(article=new_story(status), by=casey)

    assert story.status == status


def test_an_author_may_publish_a_new_story_of_their_own():
    avery = factories.person("Author", "avery", byline=True)

    story = services.save_article(article=new_story(Status.PUBLISHED), by=avery)

    assert story.is_visible
    assert rules.refusal(avery, Article(), was=None, now=Status.PUBLISHED) == ""


def test_the_add_form_offers_a_contributor_only_draft_and_in_review(client: Client):
    client.force_login(factories.person("Contributor", "casey", byline=True))

    page = soup(client.get(reverse("admin:articles_article_add")))

    offered = [option.get_text() for option in page.select("#id_status option")]
    assert offered == ["Draft", "In review"]


def test_a_contributor_posting_a_new_story_as_published_is_told_why(client: Client):
    client.force_login(factories.person("Contributor", "casey", byline=True))
    form: dict[str, Any] = {
        "title": "Straight to the front page", "body": "Words.", "status": Status.PUBLISHED,
        "category": factories.CategoryFactory().pk, "language": "en", "comments_open": "on",
        "authorships-TOTAL_FORMS": "0", "authorships-INITIAL_FORMS": "0",
        "revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0",
    }  # fmt: skip

    response = client.post(reverse("admin:articles_article_add"), form)

    assert response.status_code == 200
    assert "You can't publish stories: submit this one for review" in text(soup(response))
    assert not Article.objects.exists()
