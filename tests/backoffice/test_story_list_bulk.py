"""Changing the section and tags of many stories at once, from the story list."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from masthead.articles.admin import bulk
from masthead.articles.models import Article, Revision
from masthead.articles.services.bulk import refile_articles
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_article_changelist")
Status = Article.Status


def tag_slugs(story: Article) -> set[str]:
    return set(story.tags.values_list("slug", flat=True))


# The service -------------------------------------------------------------------------------


def test_refiling_moves_stories_and_adds_and_removes_tags(newsroom: dict[str, Any]):
    models, _, europe = newsroom["tags"]
    stories = newsroom["stories"][:3]  # tagged [models], [models, gpus], [models, gpus, europe]
    outcome = refile_articles(
        articles=stories, by=factories.person("Editor"), category=newsroom["chips"],
        add_tags=[europe], remove_tags=[models],
    )  # fmt: skip
    assert outcome.changed == stories
    assert outcome.refused == []
    for story in stories:
        story.refresh_from_db()
        assert story.category == newsroom["chips"]
    assert [tag_slugs(s) for s in stories] == [{"europe"}, {"gpus", "europe"}, {"gpus", "europe"}]


def test_each_refiled_story_gets_a_revision_by_the_editor(newsroom: dict[str, Any]):
    editor = factories.person("Editor")
    story = newsroom["stories"][0]
    refile_articles(articles=[story], by=editor, add_tags=[newsroom["tags"][2]])
    last = Revision.objects.filter(article=story).first()
    assert last.by == editor
    assert {name for _, name in last.data["tags"]} == {"models", "europe"}


def test_a_story_already_filed_so_is_left_alone(newsroom: dict[str, Any]):
    story = newsroom["stories"][0]  # in AI, tagged models
    revisions = Revision.objects.filter(article=story).count()
    outcome = refile_articles(
        articles=[story], by=factories.person("Editor"), category=newsroom["ai"],
        add_tags=[newsroom["tags"][0]],
    )  # fmt: skip
    assert outcome.unchanged == [story]
    assert Revision.objects.filter(article=story).count() == revisions


def test_a_tag_both_added_and_removed_is_added(newsroom: dict[str, Any]):
    story, gpus = newsroom["stories"][0], newsroom["tags"][1]
    refile_articles(articles=[story], by=None, add_tags=[gpus], remove_tags=[gpus])
    assert tag_slugs(story) == {"models", "gpus"}


def test_a_refused_story_is_reported_and_the_others_go_on(newsroom: dict[str, Any]):
    writer = factories.person("Author", "wren", byline=True)
    own = factories.article(title="Wren's", status=Status.DRAFT, published_at=None,
                            authors=[writer.author_profile])  # fmt: skip
    colleague = newsroom["stories"][0]
    outcome = refile_articles(articles=[colleague, own], by=writer, category=newsroom["chips"])
    assert outcome.changed == [own]
    assert [(story, why) for story, why in outcome.refused] == [
        (
            colleague,
            "You can't edit this story: it is a colleague's, and only editors act on those.",
        )
    ]
    colleague.refresh_from_db()
    assert colleague.category == newsroom["ai"]


# The admin action --------------------------------------------------------------------------


@pytest.fixture
def editor(client: Any) -> Any:
    client.force_login(factories.person("Editor", "ed"))
    return client


def choose(client: Any, stories: list[Article], **form: Any) -> Any:
    """Post the list's action form (without ``form``) or the confirmation page (with it)."""
    data = {"action": "refile", "_selected_action": [s.pk for s in stories]}
    if form:
        data |= {bulk.APPLY: "Change them", **form}
    else:
        data["index"] = "0"
    return client.post(LIST + "?state=published", data)


def test_the_action_asks_where_the_stories_go_first(editor: Any, newsroom: dict[str, Any]):
    stories = newsroom["stories"][:2]
    response = choose(editor, stories)
    assert response.status_code == 200
    doc = soup(response)
    assert {text(li) for li in doc.select("#content ul li")} == {
        "Story number 0 (AI)", "Story number 1 (AI › Policy)",
    }  # fmt: skip
    kept = {int(i["value"]) for i in doc.select('input[name="_selected_action"]')}
    assert kept == {s.pk for s in stories}
    assert doc.select_one('input[name="action"]')["value"] == "refile"
    assert doc.select_one('label[for="id_category"]')
    assert Article.objects.get(pk=stories[0].pk).category == newsroom["ai"]


def test_confirming_refiles_them_and_returns_to_the_list(editor: Any, newsroom: dict[str, Any]):
    stories = newsroom["stories"][:2]
    response = choose(
        editor, stories, category=newsroom["chips"].pk, add_tags="Europe", remove_tags="models"
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?state=published")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Changed 2 article(s)."]
    for story in stories:
        story.refresh_from_db()
        assert story.category == newsroom["chips"]
        assert "europe" in tag_slugs(story)
        assert "models" not in tag_slugs(story)


def test_an_unknown_tag_is_named_and_nothing_changes(editor: Any, newsroom: dict[str, Any]):
    response = choose(editor, newsroom["stories"][:1], add_tags="europe, weather")
    assert response.status_code == 200
    error = soup(response).select_one("#id_add_tags_error")
    assert "No tag is called “weather”" in text(error)
    assert soup(response).select_one("#id_add_tags")["value"] == "europe, weather"
    assert tag_slugs(newsroom["stories"][0]) == {"models"}


def test_an_empty_form_says_nothing_would_change(editor: Any, newsroom: dict[str, Any]):
    response = choose(editor, newsroom["stories"][:1], category="")
    assert "nothing would change" in text(soup(response).select_one(".errornote"))


def test_refusals_are_reported_per_story(client: Any, newsroom: dict[str, Any]):
    writer = factories.person("Author", "wren", byline=True)
    client.force_login(writer)
    own = factories.article(title="Wren's", status=Status.DRAFT, published_at=None,
                            authors=[writer.author_profile])  # fmt: skip
    response = client.post(
        LIST + "?state=all",
        {"action": "refile", "_selected_action": [own.pk, newsroom["stories"][0].pk],
         bulk.APPLY: "Change them", "category": newsroom["chips"].pk},
    )  # fmt: skip
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Changed 1 article(s).",
        "“Story number 0”: You can't edit this story: it is a colleague's, and only editors "
        "act on those.",
    ]


def test_too_many_stories_at_once_are_turned_back(
    editor: Any, newsroom: dict[str, Any], monkeypatch: Any
):
    monkeypatch.setattr(bulk, "MOST_AT_ONCE", 1)
    response = choose(editor, newsroom["stories"][:2])
    assert response.status_code == 302
    assert "change at most 1 at a time" in str(next(iter(get_messages(response.wsgi_request))))
