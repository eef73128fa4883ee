"""A story's address: its slug follows its headline until published, then moves with a 301."""

from __future__ import annotations

from datetime import timedelta

import pytest

from masthead.articles import services
from masthead.articles.models import Article
from masthead.ingest.models import LegacyURL
from tests import factories

pytestmark = pytest.mark.django_db
Status = Article.Status


def test_a_drafts_slug_follows_its_headline():
    draft = factories.article(title="Harbour closes", status=Status.DRAFT, published_at=None)
    draft.title = "Harbour reopens after the storm"
    services.save_article(article=draft)
    assert draft.slug == "harbour-reopens-after-the-storm"


def test_a_slug_someone_typed_stays_while_the_headline_changes():
    draft = factories.article(title="Harbour closes", status=Status.DRAFT, published_at=None)
    draft.slug = "harbour"
    services.save_article(article=draft)
    draft.title = "Harbour reopens"
    services.save_article(article=draft)
    assert draft.slug == "harbour"


def test_after_publication_the_slug_stays_when_the_headline_changes(client):
    story = factories.article(title="Harbour closes")
    address = story.get_absolute_url()
    story.title = "Harbour closes for the winter"
    services.save_article(article=story)
    assert story.get_absolute_url() == address
    assert client.get(address).status_code == 200
    assert not LegacyURL.objects.exists()


def test_a_published_storys_new_slug_keeps_its_old_address_as_a_redirect(client):
    story = factories.article(title="Harbour closes")
    old = story.get_absolute_url()
    story.slug = "harbour-closes-winter"
    services.save_article(article=story)
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url() != old
    assert client.get(story.get_absolute_url()).status_code == 200


def test_a_story_moved_to_another_day_redirects_from_the_first(client):
    story = factories.article(title="Harbour closes")
    old = story.get_absolute_url()
    services.publish_article(article=story, at=story.published_at - timedelta(days=2))
    assert story.get_absolute_url() != old
    assert client.get(old)["Location"] == story.get_absolute_url()


def test_a_story_moved_twice_redirects_from_both_old_addresses_in_one_hop(client):
    story = factories.article(title="Harbour closes")
    first = story.get_absolute_url()
    story.slug = "second"
    services.save_article(article=story)
    second = story.get_absolute_url()
    story.slug = "third"
    services.save_article(article=story)
    assert (
        client.get(first)["Location"] == client.get(second)["Location"] == story.get_absolute_url()
    )


def test_an_unpublished_storys_old_address_does_not_redirect(client):
    story = factories.article(title="Harbour closes")
    old = story.get_absolute_url()
    story.slug = "renamed"
    services.save_article(article=story)
    services.unpublish_article(article=story)
    assert client.get(old).status_code == 404
