"""The back office's preview screens: the story page's preview link, and reviewers' links.

Through HTTP as an editor would: open the preview, give out a link and copy it, see the
list with each link's state, revoke one (a POST with its CSRF token).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from masthead.articles import services
from masthead.articles.models import Article, PreviewLink
from masthead.articles.services import previews
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def editor(db: Any) -> Any:
    return factories.person("Editor", first_name="Erin", last_name="Editor")


@pytest.fixture
def desk(client: Any, editor: Any) -> Any:
    client.force_login(editor)
    return client


@pytest.fixture
def story(newsroom: dict[str, Any]) -> Article:
    return factories.article(
        title="Under embargo", status=Status.REVIEW, published_at=None, category=newsroom["ai"]
    )


def screen(article: Article) -> str:
    return reverse("admin:articles_article_preview_links", args=[article.pk])


def revoke_url(link: PreviewLink) -> str:
    return reverse("admin:articles_article_preview_revoke", args=[link.article_id, link.pk])


def states(response: Any) -> list[str]:
    """The state column of the links list, top to bottom."""
    rows = soup(response).select("#preview-link-list tbody tr")
    return [text(row.find(class_="preview-link__state")) for row in rows]


def test_the_story_page_links_to_its_preview_and_its_links(desk: Any, story: Article):
    response = desk.get(reverse("admin:articles_article_change", args=[story.pk]))
    links = {text(a): a["href"] for a in soup(response).select(".readonly a")}
    assert links["Preview"] == reverse("articles:preview", args=[story.pk])
    assert links["Preview links for reviewers"] == screen(story)
    assert desk.get(links["Preview"]).status_code == 200


def test_a_public_story_shows_its_address_instead(desk: Any, newsroom: dict[str, Any]):
    story = newsroom["stories"][0]
    response = desk.get(reverse("admin:articles_article_change", args=[story.pk]))
    hrefs = [a["href"] for a in soup(response).select(".readonly a")]
    assert story.get_absolute_url() in hrefs
    assert reverse("articles:preview", args=[story.pk]) not in hrefs


def test_making_a_link_shows_the_address_to_copy(desk: Any, story: Article):
    response = desk.post(screen(story), {"note": "Legal: Dana", "hours": "24"}, follow=True)
    assert response.status_code == 200
    link = PreviewLink.objects.get()
    assert (link.note, link.expires_at - link.created_at) == ("Legal: Dana", timedelta(hours=24))
    copy = soup(response).find(id="made-url")
    assert copy["value"] == f"http://testserver{previews.preview_link_path(link)}"
    assert soup(response).find("label", attrs={"for": "made-url"})
    # The address works for someone with no account.
    assert "Under embargo" in Client().get(copy["value"]).content.decode()


def test_the_address_to_copy_says_until_when_it_works_in_one_sentence(desk: Any, story: Article):
    """The time stands inside the sentence: a format's own full stop never doubles."""
    response = desk.post(screen(story), {"note": "Legal: Dana", "hours": "24"}, follow=True)
    expires = timezone.localtime(PreviewLink.objects.get().expires_at)
    made = soup(response).select_one("#made-link")
    until = made.select_one("#made-url-until").get_text()  # as read: no space around <time>
    assert until == (
        f"It works until {formats.date_format(expires, 'DATETIME_FORMAT')}, "
        "unless you revoke it sooner."
    )
    assert made.select_one("#made-url")["aria-describedby"] == "made-url-until"
    assert ".." not in text(made)


def test_the_form_offers_the_default_lifetime_and_refuses_a_bad_one(
    desk: Any, story: Article, settings: Any
):
    settings.PREVIEW_LINK_HOURS = 48
    form = soup(desk.get(screen(story))).find("input", attrs={"name": "hours"})
    assert form["value"] == "48"
    response = desk.post(screen(story), {"note": "", "hours": "0"})
    assert response.status_code == 200
    assert soup(response).select(".errorlist")
    assert not PreviewLink.objects.exists()


def test_the_list_shows_each_links_state(desk: Any, editor: Any, story: Article, travel: Any):
    old, _ = previews.create_preview_link(article=story, by=editor, note="Old", hours=1)
    gone, _ = previews.create_preview_link(article=story, by=editor, note="Gone", hours=1)
    previews.revoke_preview_link(link=gone, by=editor)
    travel(2 * 3600)
    live, _ = previews.create_preview_link(article=story, by=editor, note="Live", hours=5)
    response = desk.get(screen(story))
    found = states(response)
    assert found[0].startswith("Active until")
    assert any(s.startswith("Revoked by Erin Editor at") for s in found)
    assert any(s.startswith("Expired") for s in found)
    rows = soup(response).select("#preview-link-list tbody tr")
    # Only a working link has an address to copy and a Revoke button.
    assert [bool(r.find("button")) for r in rows] == [True, False, False]
    assert previews.preview_link_path(live) in rows[0].find("input")["value"]
    assert old.pk != live.pk


def test_revoking_through_the_screen_ends_the_link(desk: Any, editor: Any, story: Article):
    link, url = previews.create_preview_link(article=story, by=editor, note="Legal")
    response = desk.post(revoke_url(link), follow=True)
    assert response.status_code == 200
    assert "Revoked the preview link “Legal”" in response.content.decode()
    assert states(response)[0].startswith("Revoked by Erin Editor")
    assert Client().get(url).status_code == 410


def test_revoking_needs_a_post_with_its_csrf_token(editor: Any, story: Article):
    link, _ = previews.create_preview_link(article=story, by=editor)
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(editor)
    assert guarded.get(revoke_url(link)).status_code == 405
    assert guarded.post(revoke_url(link)).status_code == 403
    assert previews.link_state(PreviewLink.objects.get(pk=link.pk)) == "active"


def test_a_contributor_sees_no_form_and_cannot_make_or_revoke_links(
    client: Any, editor: Any, story: Article
):
    contributor = factories.person("Contributor")
    Article.objects.filter(pk=story.pk).update(created_by=contributor)
    link, _ = previews.create_preview_link(article=story, by=editor)
    client.force_login(contributor)
    page = client.get(screen(story))
    assert page.status_code == 200
    assert "ask an editor" in page.content.decode()
    assert not soup(page).find("input", attrs={"name": "note"})
    assert client.post(screen(story), {"note": "x", "hours": "1"}).status_code == 403
    assert client.post(revoke_url(link)).status_code == 403
    assert PreviewLink.objects.count() == 1


def test_a_story_someone_may_not_see_has_no_link_screens(client: Any, story: Article):
    services.trash_article(article=story)
    client.force_login(factories.person("Contributor"))
    assert client.get(screen(story)).status_code == 404
    link = PreviewLink.objects.create(article=story, expires_at=story.created_at)
    assert client.post(revoke_url(link)).status_code == 404


def test_a_link_of_another_story_cannot_be_revoked_through_this_one(
    desk: Any, editor: Any, story: Article, newsroom: dict[str, Any]
):
    other = factories.article(title="Other", status=Status.DRAFT, published_at=None)
    link, _ = previews.create_preview_link(article=other, by=editor)
    wrong = reverse("admin:articles_article_preview_revoke", args=[story.pk, link.pk])
    assert desk.post(wrong).status_code == 404
    assert previews.link_state(PreviewLink.objects.get(pk=link.pk)) == "active"


def test_view_on_site_leads_to_the_preview_until_readers_can_see_the_story(
    desk: Any, story: Article
):
    """The form's stock "View on site" button would lead a story in review to a 404."""
    change = reverse("admin:articles_article_change", args=[story.pk])

    button = soup(desk.get(change)).select_one("a.viewsitelink")

    assert button["href"] == reverse("articles:preview", args=[story.pk])
    assert desk.get(button["href"]).status_code == 200
    services.publish_article(article=story)
    button = soup(desk.get(change)).select_one("a.viewsitelink")
    assert button["href"] == story.get_absolute_url()
    assert desk.get(button["href"]).status_code == 200
