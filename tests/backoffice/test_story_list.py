"""The story list: its columns, its views per state, its filters and its search."""

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

LIST = reverse("admin:articles_article_changelist")
Status = Article.Status


@pytest.fixture
def desk(client: Any) -> dict[str, Any]:
    """An editor signed in, and a story in every state, each with its own byline."""
    editor = factories.person("Editor", "ed", byline=True)
    client.force_login(editor)
    writer = factories.person("Author", "wren", byline=True)
    stories = {
        "draft": factories.article(title="Draft about harbours", status=Status.DRAFT,
                                   published_at=None),
        "review": factories.article(title="Ferry timetable changes", status=Status.REVIEW,
                                    published_at=None, dek="New crossings from May."),
        "scheduled": factories.article(title="Tomorrow's council vote",
                                       published_at=clock.now() + timedelta(days=1)),
        "published": factories.article(title="Lighthouse reopens"),
        "unpublished": factories.article(title="Withdrawn rumour", status=Status.UNPUBLISHED),
        "trash": factories.article(title="Duplicate story", status=Status.TRASH),
        "wren": factories.article(title="Wren's own piece", status=Status.DRAFT,
                                  published_at=None, authors=[writer.author_profile]),
    }  # fmt: skip
    return {"client": client, "editor": editor, "writer": writer, **stories}


def headlines(response: Any) -> set[str]:
    return {text(cell) for cell in soup(response).select("#result_list th.field-title")}


def row(response: Any, title: str) -> dict[str, str]:
    """The cells of the row whose headline is ``title``, by column name."""
    for tr in soup(response).select("#result_list tbody tr"):
        if text(tr.select_one("th.field-title")) == title:
            return {cls[6:]: text(td) for td in tr.select("td, th") for cls in td.get("class", [])
                    if cls.startswith("field-")}  # fmt: skip
    raise AssertionError(f"no row for {title!r}")


def test_the_default_view_is_every_story_but_the_trash(desk: dict[str, Any]):
    shown = headlines(desk["client"].get(LIST))
    assert "Duplicate story" not in shown
    assert {"Draft about harbours", "Tomorrow's council vote", "Withdrawn rumour"} <= shown


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("draft", {"Draft about harbours", "Wren's own piece"}),
        ("review", {"Ferry timetable changes"}),
        ("scheduled", {"Tomorrow's council vote"}),
        ("published", {"Lighthouse reopens"}),
        ("unpublished", {"Withdrawn rumour"}),
        ("trash", {"Duplicate story"}),
    ],
)
def test_each_state_has_its_view(desk: dict[str, Any], state: str, expected: set[str]):
    assert headlines(desk["client"].get(LIST, {"state": state})) == expected


def test_everything_includes_the_trash(desk: dict[str, Any]):
    assert len(headlines(desk["client"].get(LIST, {"state": "all"}))) == 7


def test_an_unknown_state_shows_nothing_rather_than_everything(desk: dict[str, Any]):
    assert headlines(desk["client"].get(LIST, {"state": "lost"})) == set()


def test_the_views_above_the_list_count_each_state_and_mark_the_current_one(
    desk: dict[str, Any],
):
    links = soup(desk["client"].get(LIST, {"state": "review"})).select("nav .story-views a")
    assert [text(a) for a in links] == [
        "All", "Drafts (2)", "In review (1)", "Scheduled (1)", "Published (1)",
        "Unpublished (1)", "Trash (1)", "Mine",
    ]  # fmt: skip
    assert [text(a) for a in links if a.get("aria-current") == "page"] == ["In review (1)"]


def test_a_view_keeps_the_search(desk: dict[str, Any]):
    links = soup(desk["client"].get(LIST, {"q": "ferry"})).select("nav .story-views a")
    assert links[2]["href"] == "?q=ferry&state=review"


def test_mine_is_the_stories_started_by_or_bylined_to_the_user(desk: dict[str, Any], client):
    client.force_login(desk["writer"])
    started = services.save_article(
        article=Article(title="Started by Wren", category=desk["draft"].category),
        by=desk["writer"],
        authors=[desk["editor"].author_profile],
    )
    assert started.created_by == desk["writer"]
    shown = headlines(client.get(LIST, {"mine": "1"}))
    assert shown == {"Wren's own piece", "Started by Wren"}


def test_the_author_filter_offers_the_newsroom_and_lists_an_authors_stories(
    desk: dict[str, Any],
):
    response = desk["client"].get(LIST, {"author": desk["writer"].author_profile.pk})
    assert headlines(response) == {"Wren's own piece"}
    offered = [text(a) for a in soup(response).select("#changelist-filter details a")]
    # Bylines without accounts (the factories' reporters) are not offered, only linked.
    assert "Ed" in offered
    assert "Wren" in offered
    assert not any(name.startswith("Reporter") for name in offered)


def test_byline_names_link_to_their_authors_stories(desk: dict[str, Any]):
    response = desk["client"].get(LIST)
    story = desk["published"]
    author = story.byline[0]
    cell = soup(response).select_one(f'#result_list input[value="{story.pk}"]')
    link = cell.find_parent("tr").select_one("td.field-byline a")
    assert text(link) == author.name
    assert link["href"] == f"?author={author.pk}"
    assert headlines(desk["client"].get(LIST + link["href"])) == {"Lighthouse reopens"}


def test_an_author_filter_with_a_bad_id_shows_nothing(desk: dict[str, Any]):
    assert headlines(desk["client"].get(LIST, {"author": "x"})) == set()


def test_a_scheduled_story_says_when_it_goes_out(desk: dict[str, Any]):
    cells = row(desk["client"].get(LIST), "Tomorrow's council vote")
    assert cells["state"].startswith("Scheduled for ")
    assert row(desk["client"].get(LIST), "Ferry timetable changes")["state"] == "In review"


def test_the_last_change_names_who_saved_it(desk: dict[str, Any]):
    story = desk["review"]
    story.dek = "New crossings from June."
    services.save_article(article=story, by=desk["editor"])
    assert row(desk["client"].get(LIST), "Ferry timetable changes")["last_changed"].endswith(
        "by ed"
    )


def test_the_section_column_names_the_parent_section(client: Any, newsroom: dict[str, Any]):
    client.force_login(factories.person("Editor"))
    story = newsroom["stories"][1]  # filed in AI › Policy
    assert row(client.get(LIST), story.title)["section"] == "AI › Policy"


def test_the_section_filter_lists_subsections_under_their_parent(
    client: Any, newsroom: dict[str, Any]
):
    client.force_login(factories.person("Editor"))
    doc = soup(client.get(LIST))
    section = next(d for d in doc.select("#changelist-filter details") if "section" in text(d))
    assert [text(a) for a in section.select("a")][1:4] == ["AI", "AI › Policy", "Chips"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ferry", {"Ferry timetable changes"}),  # headline
        ("crossings", {"Ferry timetable changes"}),  # standfirst
        ("wren", {"Wren's own piece"}),  # byline name
        ('"council vote"', {"Tomorrow's council vote"}),  # a phrase
        ("lighthouse nothing", set()),  # every word must match
    ],
)
def test_search_covers_headlines_standfirsts_and_bylines(
    desk: dict[str, Any], query: str, expected: set[str]
):
    assert headlines(desk["client"].get(LIST, {"q": query})) == expected


def test_the_body_is_searched_only_when_asked(desk: dict[str, Any]):
    story = desk["published"]
    story.body = "The keeper polished the Fresnel lens."
    services.save_article(article=story, by=desk["editor"])
    assert headlines(desk["client"].get(LIST, {"q": "fresnel"})) == set()
    asked = desk["client"].get(LIST, {"q": "fresnel", "body": "1"})
    assert headlines(asked) == {"Lighthouse reopens"}
    assert soup(asked).select_one('#changelist-search input[name="body"]').has_attr("checked")


def test_a_story_with_two_matching_bylines_is_listed_once(client: Any, newsroom: dict[str, Any]):
    client.force_login(factories.person("Editor"))
    # Story 0 is by Alice Reporter and Bob Writer: "r" matches both names.
    response = client.get(LIST, {"q": "r", "state": "all"})
    titles = [text(c) for c in soup(response).select("#result_list th.field-title")]
    assert titles.count("Story number 0") == 1


def test_a_contributor_sees_the_list_and_their_own_view(client: Any, desk: dict[str, Any]):
    contributor = factories.person("Contributor", "cora", byline=True)
    client.force_login(contributor)
    assert client.get(LIST).status_code == 200
    assert headlines(client.get(LIST, {"mine": "1"})) == set()


def test_the_language_filter_offers_the_latest_stories_languages(
    desk: dict[str, Any], monkeypatch: Any
):
    from masthead.articles.admin.filters import LanguageFilter

    Article.objects.filter(pk=desk["draft"].pk).update(language="de")
    Article.objects.filter(pk=desk["review"].pk).update(language="fr")
    monkeypatch.setattr(LanguageFilter, "RECENT", 6)  # the draft, changed first, drops out
    Article.objects.exclude(pk=desk["draft"].pk).update(modified_at=clock.now())
    offered = soup(desk["client"].get(LIST)).select("#changelist-filter details")
    language = next(d for d in offered if "language" in text(d.select_one("summary")))
    assert [text(a) for a in language.select("a")] == ["All", "fr"]
    # An older story's language still filters, and is then offered.
    response = desk["client"].get(LIST, {"language": "de"})
    assert headlines(response) == {"Draft about harbours"}


def test_each_row_has_its_selection_box(desk: dict[str, Any]):
    story = desk["review"]
    box = soup(desk["client"].get(LIST)).select_one(f'input.action-select[value="{story.pk}"]')
    assert box["name"] == "_selected_action"
    assert box["type"] == "checkbox"
    assert box["aria-label"] == "Select this object for an action - Ferry timetable changes"
    assert soup(desk["client"].get(LIST)).select_one("#result_list thead #action-toggle")
