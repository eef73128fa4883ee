"""No lost edits: who else is on a story, text kept every 30 s, and a stale save refused."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from masthead.articles import services
from masthead.articles.models import Article, EditSession
from masthead.articles.services import editing
from masthead.core import clock
from tests import factories
from tests.backoffice.forms import form_data
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def story(newsroom: dict[str, Any]) -> Article:
    return newsroom["stories"][0]


@pytest.fixture
def alice() -> Any:
    return factories.person("Editor", "alice", first_name="Alice", last_name="Ames")


@pytest.fixture
def bruno() -> Any:
    return factories.person("Editor", "bruno", first_name="Bruno", last_name="Berg")


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def autosave_url(article: Article) -> str:
    return reverse("admin:articles_article_autosave", args=[article.pk])


def later(monkeypatch: Any, seconds: float) -> None:
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(seconds=seconds))


# Presence --------------------------------------------------------------------------------


def test_someone_opening_a_story_sees_who_else_is_editing_it_and_since_when(story, alice, bruno):
    signed_in(alice).get(change_url(story))
    page = signed_in(bruno).get(change_url(story))
    since = EditSession.objects.get(user=alice).opened_at
    from django.utils import timezone

    expected = f"Alice Ames is editing since {timezone.localtime(since):%H:%M}."
    assert text(soup(page).select_one("#editing-others")) == expected


def test_nobody_is_shown_editing_once_they_stopped_pinging(story, alice, bruno, monkeypatch):
    signed_in(alice).get(change_url(story))
    later(monkeypatch, editing.PRESENCE_SECONDS + 1)
    page = signed_in(bruno).get(change_url(story))
    assert text(soup(page).select_one("#editing-others")) == ""


def test_the_autosave_ping_answers_who_else_is_on_the_story(story, alice, bruno):
    signed_in(alice).get(change_url(story))
    answer = signed_in(bruno).post(autosave_url(story), {"base_version": story.version})
    assert answer.status_code == 200
    assert [who["name"] for who in answer.json()["others"]] == ["Alice Ames"]


def test_coming_back_after_leaving_starts_a_new_since(story, alice, monkeypatch):
    first = editing.open_story(user=alice, article=story).opened_at
    later(monkeypatch, editing.PRESENCE_SECONDS + 60)
    assert editing.open_story(user=alice, article=story).opened_at > first


# Autosave --------------------------------------------------------------------------------


def test_autosave_keeps_the_typed_fields_and_offers_them_back_on_the_next_visit(story, alice):
    client = signed_in(alice)
    client.get(change_url(story))
    typed = {"base_version": story.version, "title": "Half-written headline", "body": "Draft…"}
    answer = client.post(autosave_url(story), typed)
    assert answer.json()["kept_at"]
    page = client.get(change_url(story))
    kept = json.loads(soup(page).select_one("#editing-kept-fields").string)
    assert kept == {"title": "Half-written headline", "body": "Draft…"}
    assert "was not saved" in text(soup(page).select_one(".editing-kept"))


def test_autosave_keeps_only_the_forms_text_fields_and_at_most_what_a_story_holds(story, alice):
    session = editing.autosave(
        user=alice, article=story, typed={"title": "t" * 5000, "status": "published"},
        base_version=story.version,
    )  # fmt: skip
    assert session.typed == {"title": "t" * 300}


def test_a_ping_without_fields_leaves_the_kept_text_alone(story, alice):
    editing.autosave(user=alice, article=story, typed={"dek": "kept"}, base_version=1)
    signed_in(alice).post(autosave_url(story), {"base_version": 1})
    assert EditSession.objects.get(user=alice).typed == {"dek": "kept"}


def test_saving_the_story_empties_the_kept_text(story, alice):
    client = signed_in(alice)
    data = form_data(client.get(change_url(story)))
    client.post(autosave_url(story), {"base_version": data["base_version"], "dek": "Typed"})
    response = client.post(change_url(story), {**data, "dek": "Typed"})
    assert response.status_code == 302
    assert editing.unsaved(user=alice, article=story) is None


def test_discarding_the_kept_text_forgets_it(story, alice):
    editing.autosave(user=alice, article=story, typed={"dek": "Typed"}, base_version=1)
    response = signed_in(alice).post(reverse("admin:articles_article_discard", args=[story.pk]))
    assert response.status_code == 302
    assert editing.unsaved(user=alice, article=story) is None


def test_a_new_story_has_one_slot_that_moves_to_the_story_once_saved(alice, newsroom):
    client = signed_in(alice)
    add = reverse("admin:articles_article_add")
    data = form_data(client.get(add))
    client.post(reverse("admin:articles_article_autosave_new"), {"title": "Brand new"})
    assert editing.unsaved(user=alice, article=None).typed == {"title": "Brand new"}
    data.update(title="Brand new", category=str(newsroom["ai"].pk), status="draft")
    assert client.post(add, data).status_code == 302
    saved = Article.objects.get(title="Brand new")
    assert not EditSession.objects.filter(user=alice, article=None).exists()
    assert EditSession.objects.filter(user=alice, article=saved).exists()


def test_no_autosave_on_a_story_the_user_may_not_edit(story):
    contributor = factories.person("Contributor")
    answer = signed_in(contributor).post(autosave_url(story), {"title": "Mine now"})
    assert answer.status_code == 403
    assert not EditSession.objects.exists()


def test_autosave_answers_only_posts(story, alice):
    assert signed_in(alice).get(autosave_url(story)).status_code == 405


def test_stale_sessions_are_forgotten_after_a_month(story, alice, monkeypatch):
    editing.autosave(user=alice, article=story, typed={"dek": "old"}, base_version=1)
    later(monkeypatch, editing.KEEP_TYPED.total_seconds() + 1)
    assert editing.forget_stale() == 1
    assert not EditSession.objects.exists()


# Two editors, one story ----------------------------------------------------------------------


@pytest.fixture
def both_open(story, alice, bruno) -> tuple[Client, dict[str, str], Client, dict[str, str]]:
    first, second = signed_in(alice), signed_in(bruno)
    return (
        first, form_data(first.get(change_url(story))),
        second, form_data(second.get(change_url(story))),
    )  # fmt: skip


def test_the_second_save_of_a_stale_version_is_refused_with_both_versions_shown(story, both_open):
    first, mine, second, theirs = both_open
    assert first.post(change_url(story), {**mine, "dek": "Alice's standfirst"}).status_code == 302
    page = second.post(change_url(story), {**theirs, "dek": "Bruno's standfirst"})
    assert page.status_code == 200
    story.refresh_from_db()
    assert story.dek == "Alice's standfirst"
    conflict = soup(page).select_one(".editing-conflict")
    assert "Alice Ames saved this story at" in text(conflict)
    cells = [text(td) for td in conflict.select("tbody td")]
    assert cells[:2] == ["Alice's standfirst", "Bruno's standfirst"]
    assert "Alice" in text(conflict.select_one("tbody del"))
    assert "Bruno" in text(conflict.select_one("tbody ins"))
    assert soup(page).select_one("textarea[name=dek]").get_text().strip() == "Bruno's standfirst"


def test_taking_over_after_seeing_their_version_saves_mine(story, both_open):
    first, mine, second, theirs = both_open
    first.post(change_url(story), {**mine, "dek": "Alice's standfirst"})
    refused = second.post(change_url(story), {**theirs, "dek": "Bruno's standfirst"})
    again = form_data(refused)
    again.update(take_over="on", dek="Merged standfirst")
    assert second.post(change_url(story), again).status_code == 302
    story.refresh_from_db()
    assert story.dek == "Merged standfirst"


def test_taking_over_is_refused_when_yet_another_save_came_in_between(story, both_open):
    first, mine, second, theirs = both_open
    first.post(change_url(story), {**mine, "dek": "Alice one"})
    refused = form_data(second.post(change_url(story), {**theirs, "dek": "Bruno"}))
    story.refresh_from_db()
    services.save_article(article=story, expected_version=story.version)  # a third save
    response = second.post(change_url(story), {**refused, "take_over": "on"})
    assert response.status_code == 200
    assert soup(response).select_one(".editing-conflict")


def test_a_refused_save_is_marked_as_text_not_saved_for_the_script(story, both_open):
    """editing.js then warns before leaving and keeps a copy, as if it had been typed."""
    first, mine, second, theirs = both_open
    assert not soup(second.get(change_url(story))).select_one("#editing").has_attr("data-unsaved")
    first.post(change_url(story), {**mine, "dek": "Alice's standfirst"})
    refused = second.post(change_url(story), {**theirs, "dek": "Bruno's standfirst"})
    assert soup(refused).select_one("#editing").has_attr("data-unsaved")


def test_a_browsers_crlf_line_ends_are_stored_as_the_story_had_them(story, alice):
    """Browsers send a text area's lines ending in CRLF; the story keeps LF, unchanged."""
    client = signed_in(alice)
    data = form_data(client.get(change_url(story)))
    body = story.body
    assert "\n\n" in body
    typed = {**data, "body": body.replace("\n", "\r\n"), "title": "A new headline"}
    assert client.post(change_url(story), typed).status_code == 302
    story.refresh_from_db()
    assert story.body == body


def test_a_conflict_lists_only_fields_that_differ_not_their_line_ends(story, both_open):
    _, _, second, theirs = both_open
    services.save_article(article=story, expected_version=story.version)  # e.g. a bulk change
    crlf = theirs["body"].replace("\n", "\r\n")
    page = second.post(change_url(story), {**theirs, "body": crlf, "title": "Bruno's headline"})
    rows = soup(page).select(".editing-conflict tbody th[scope=row]")
    assert [text(row) for row in rows] == ["Headline"]


def test_the_first_save_of_a_day_forgets_forms_left_a_month(
    story, alice, monkeypatch, django_capture_on_commit_callbacks
):
    editing.autosave(user=alice, article=story, typed={"dek": "old"}, base_version=1)
    later(monkeypatch, editing.KEEP_TYPED.total_seconds() + 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.save_article(article=story)
    assert not EditSession.objects.exists()
