"""The revision screens: history, compare and restore, for those the newsroom's rules let."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from masthead.articles import services
from masthead.articles.models import Article, Revision, SiteSettings, Tag
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def story() -> Article:
    """A published story saved twice: a new headline, section and tag the second time."""
    SiteSettings.objects.create(name="The Test Gazette")
    ai, chips = (factories.CategoryFactory(name=n, slug=n.lower()) for n in ("AI", "Chips"))
    europe, gpus = (factories.TagFactory(name=n, slug=n) for n in ("europe", "gpus"))
    story = factories.article(title="Chips are scarce", category=ai, tags=[europe])
    story.title, story.category = "Chips are cheap", chips
    return services.save_article(article=story, tags=[gpus])


def url(name: str, story: Article, *args: Any) -> str:
    return reverse(f"admin:articles_article_{name}", args=[story.pk, *args])


def first(story: Article) -> Revision:
    return Revision.objects.filter(article=story).order_by("created_at", "pk")[0]


def signed_in(client: Any, role: str) -> Any:
    client.force_login(factories.person(role))
    return client


def test_the_history_lists_every_revision_with_who_when_and_state(client: Any, story: Article):
    editor = factories.person("Editor", "editor-ed", first_name="Ed", last_name="Itor")
    services.save_article(article=story, by=editor)
    client.force_login(editor)
    page = soup(client.get(url("revisions", story)))
    rows = [
        [text(cell) for cell in row.find_all(["th", "td"])[:5]] for row in page.select("tbody tr")
    ]
    assert [row[0] for row in rows] == ["3", "2", "1"]
    assert rows[0][2:] == ["Ed Itor", "Published (kept: readers saw it)", "Chips are cheap"]
    assert rows[2][2] == "the system"


def test_the_history_of_a_busy_story_costs_a_bounded_number_of_queries(
    client: Any, story: Article, django_assert_max_num_queries: Any
):
    editor = factories.person("Editor")
    Revision.objects.bulk_create(
        Revision(article=story, by=editor, version=n, title=f"Take {n}", status="draft")
        for n in range(120)
    )
    client.force_login(editor)
    with django_assert_max_num_queries(10):
        response = client.get(url("revisions", story))
    assert len(soup(response).select("tbody tr")) == 50
    assert "Page 1 of 3" in text(soup(response))


def test_compare_shows_changed_words_with_ins_and_del_and_other_changes(
    client: Any, story: Article, django_assert_max_num_queries: Any
):
    signed_in(client, "Editor")
    with django_assert_max_num_queries(10):
        page = soup(client.get(url("revision_compare", story)))
    headline = page.find(id="diff-title").find_next("div")
    assert text(headline.find("del")) == "[deleted: scarce ]"
    assert text(headline.find("ins")) == "[added: cheap ]"
    changes = [text(li) for li in page.find(id="other-changes").find_next("ul").find_all("li")]
    assert changes == ["Section: AI → Chips", "Tags: added gpus, removed europe"]


def test_compare_takes_any_two_in_either_order(client: Any, story: Article):
    signed_in(client, "Editor")
    older, newer = first(story), Revision.objects.filter(article=story).first()
    response = client.get(url("revision_compare", story), {"from": newer.pk, "to": older.pk})
    assert text(soup(response).find(id="diff-title").find_next("div").find("ins")) == (
        "[added: cheap ]"
    )


def test_comparing_the_first_revision_says_there_is_nothing_before_it(client: Any, story: Article):
    signed_in(client, "Editor")
    response = client.get(url("revision_compare", story), {"to": first(story).pk})
    assert "nothing earlier to compare it with" in text(soup(response))


def test_a_revision_of_another_story_is_not_found(client: Any, story: Article):
    signed_in(client, "Editor")
    other = factories.article(title="Another")
    foreign = Revision.objects.filter(article=other).get()
    assert client.get(url("revision_compare", story), {"to": foreign.pk}).status_code == 404
    assert client.get(url("revision_restore", story, foreign.pk)).status_code == 404


def test_restoring_asks_first_then_saves_the_old_words_and_keeps_the_status(
    client: Any, story: Article
):
    signed_in(client, "Editor")
    confirm = client.get(url("revision_restore", story, first(story).pk))
    page = soup(confirm)
    assert page.find("form", method="post").find("input", {"name": "csrfmiddlewaretoken"})
    assert "It stays Published" in text(page)
    response = client.post(
        url("revision_restore", story, first(story).pk), {"base_version": story.version}
    )
    assert response.status_code == 302
    restored = Article.objects.get(pk=story.pk)
    assert (restored.title, restored.category.slug, restored.status) == (
        "Chips are scarce", "ai", "published",
    )  # fmt: skip
    assert Revision.objects.filter(article=story).count() == 3
    said = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert said == ["Version 1 restored, saved as version 3."]


def test_the_confirmation_names_what_was_deleted_since(client: Any, story: Article):
    signed_in(client, "Editor")
    Tag.objects.filter(slug="europe").delete()
    page = soup(client.get(url("revision_restore", story, first(story).pk)))
    assert [text(li) for li in page.find(id="left-out").find_next("ul").find_all("li")] == [
        "The tag “europe”"
    ]


def test_a_forged_restore_by_a_contributor_on_a_colleagues_story_is_refused(
    client: Any, story: Article
):
    signed_in(client, "Contributor")
    response = client.post(
        url("revision_restore", story, first(story).pk), {"base_version": story.version}
    )
    assert response.status_code == 403
    assert "it is a colleague's" in text(soup(response).find(class_="errornote"))
    assert Article.objects.get(pk=story.pk).title == "Chips are cheap"


def test_a_contributor_sees_the_history_but_no_restore_button(client: Any, story: Article):
    signed_in(client, "Contributor")
    history = client.get(url("revisions", story))
    assert history.status_code == 200
    assert "Restore" not in text(soup(history).find(id="revision-history"))
    confirm = client.get(url("revision_restore", story, first(story).pk))
    assert confirm.status_code == 403
    assert soup(confirm).find(id="content-main").find("form") is None


def test_a_restore_from_a_stale_page_is_refused_and_says_why(client: Any, story: Article):
    signed_in(client, "Editor")
    opened = story.version
    services.save_article(article=Article.objects.get(pk=story.pk))
    response = client.post(
        url("revision_restore", story, first(story).pk), {"base_version": opened}
    )
    assert response.status_code == 409
    assert "saved again since you opened it" in text(soup(response).find(class_="errornote"))
    assert Article.objects.get(pk=story.pk).title == "Chips are cheap"


def test_someone_who_may_not_view_the_story_gets_no_history(client: Any, story: Article):
    services.trash_article(article=story)
    signed_in(client, "Contributor")
    assert client.get(url("revisions", story)).status_code == 403
    assert client.get(url("revision_compare", story)).status_code == 403


def test_the_story_page_lists_its_newest_revisions_with_links(client: Any, story: Article):
    signed_in(client, "Editor")
    page = soup(client.get(url("change", story)))
    block = page.find(id="revisions-list")
    newest, oldest = block.select("tbody tr")
    assert [text(newest.find("th")), text(oldest.find("th"))] == ["2", "1"]
    # The newest is what the story says now: compare it, nothing to restore.
    second = Revision.objects.filter(article=story).first()
    assert second is not None
    assert [a["href"] for a in newest.find_all("a")] == [
        url("revision_compare", story) + f"?to={second.pk}"
    ]
    # The first has nothing before it to compare with; it can be restored.
    restore = url("revision_restore", story, first(story).pk)
    assert [a["href"] for a in oldest.find_all("a")] == [restore]
    assert block.find("a", string="All revisions of this story")["href"] == url("revisions", story)
