"""``{% teaser %}``: a story's teaser, made once per worker for everything it shows.

The memo is never stale: an edited story, a renamed section or author, a picture's
new renditions or another language each make a new teaser on the very next page.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.template import Context, Template
from django.utils import translation

from masthead.articles.models import Article, Image
from masthead.articles.templatetags.newsroom import TEASERS
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

INCLUDE = '{% include "articles/_teaser.html" with size=size level=level show_section=show %}'
TAG = "{% load newsroom %}{% teaser article size=size level=level show_section=show %}"


def teaser_texts(client: Any) -> list[str]:
    """The text of every teaser on the home page."""
    response = client.get("/")
    assert response.status_code == 200
    return [text(t) for t in soup(response).select(".teaser")]


@pytest.fixture
def story(newsroom: dict[str, Any]) -> Article:
    """The newest story, with a picture and two authors: the home page's lead."""
    picture = factories.image()
    story = newsroom["stories"][0]
    Article.objects.filter(pk=story.pk).update(featured_image=picture)
    return Article.objects.for_listing().get(pk=story.pk)


@pytest.mark.parametrize("size", ["lead", "card", "compact", "related", "row"])
@pytest.mark.parametrize("show", [True, False])
def test_the_tag_prints_what_the_template_prints(story, size, show):
    context = {"article": story, "size": size, "level": 2, "show": show}
    TEASERS.clear()
    made = Template(TAG).render(Context(context))
    again = Template(TAG).render(Context(context))  # from the memo
    assert made == again == Template(INCLUDE).render(Context(context))
    assert story.title in made


def test_an_edited_title_shows_on_the_next_page(client, story):
    assert any("Story number 0" in t for t in teaser_texts(client))
    Article.objects.filter(pk=story.pk).update(title="A better headline")  # no signal
    texts = teaser_texts(client)
    assert any("A better headline" in t for t in texts)
    assert not any("Story number 0" in t for t in texts)


def test_a_renamed_section_and_author_show_on_the_next_page(client, story, newsroom):
    before = " ".join(teaser_texts(client))
    assert "Alice Reporter" in before
    assert "Chips" in before
    # Saved as the back office saves them: the rail of newest stories (articles/rail.py)
    # is read again after a saved change; teasers themselves are keyed by what they show.
    alice, chips = newsroom["alice"], newsroom["chips"]
    alice.name, chips.name = "Alice Editor", "Semiconductors"
    alice.save()
    chips.save()
    after = " ".join(teaser_texts(client))
    assert "Alice Reporter" not in after
    assert "Alice Editor" in after
    assert "Chips" not in after
    assert "Semiconductors" in after


def test_new_renditions_of_a_picture_show_on_the_next_page(client, story):
    def lead_srcset() -> str:
        return soup(client.get("/")).select_one(".front__lead img")["srcset"]

    assert "w400" not in lead_srcset()
    Image.objects.filter(pk=story.featured_image_id).update(
        renditions={"400": "renditions/w400.jpg"}
    )
    assert "renditions/w400.jpg 400w" in lead_srcset()


def test_the_teaser_follows_the_language_of_dates(story):
    context = Context({"article": story, "size": "card", "level": 3, "show": True})
    with translation.override("en"):
        english = Template(TAG).render(context)
    with translation.override("de"):
        german = Template(TAG).render(context)
    assert english == Template(INCLUDE).render(context)
    with translation.override("de"):
        assert german == Template(INCLUDE).render(context)
