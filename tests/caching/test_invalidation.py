"""Exact purges: after each kind of change, every page showing it is fresh, the others kept.

Pages are warmed through the page cache (a second request answers ``X-Page-Cache: hit``),
the change is made as an editor or a reader would make it (services, saves), and the
next request to each page says whether it was purged (``miss``) or kept (``hit``).

The newsroom (tests/factories.py): ten stories, newest first; story ``i`` is filed in
AI, Policy (a subsection of AI) or Chips by ``i % 3``, tagged with the first ``1 + i % 3``
of models, gpus, europe, and bylined Alice and Bob (``i % 4 == 0``), else Alice (odd)
or Bob (even).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from masthead.articles import services
from masthead.articles.models import Page
from masthead.comments.models import Comment
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

ABOUT = "/about/"


@pytest.fixture
def site(settings: Any) -> dict[str, Any]:
    settings.PAGE_CACHE_SECONDS = 300
    newsroom = factories.newsroom()
    Page.objects.create(title="About", slug="about", body="Us.", status="published")
    return newsroom


def warm(*urls: str) -> None:
    for url in urls:
        Client().get(url)
        assert Client().get(url)["X-Page-Cache"] == "hit", url


def verdicts(*urls: str) -> dict[str, str]:
    return {url: Client().get(url)["X-Page-Cache"] for url in urls}


def assert_purged_and_kept(purged: list[str], kept: list[str]) -> None:
    expected = {url: "miss" for url in purged} | {url: "hit" for url in kept}
    assert verdicts(*expected) == expected


def story_url(site: dict[str, Any], i: int) -> str:
    return site["stories"][i].get_absolute_url()


def test_an_edit_in_place_purges_the_pages_showing_the_story(site: dict[str, Any]):
    story = site["stories"][9]  # the oldest: AI, tagged models, by Alice
    month = f"/{story.pub_date:%Y/%m}/"
    purged = [story_url(site, 9), "/category/ai/", "/tag/models/", "/author/alice/", "/feed/"]
    purged += [month, "/sitemap-articles.xml"]
    kept = ["/category/chips/", "/tag/europe/", ABOUT]
    warm(*purged, *kept)
    story.title = "A corrected headline"
    services.save_article(article=story)
    assert_purged_and_kept(purged, kept)
    assert "A corrected headline" in Client().get("/category/ai/").content.decode()


def test_a_publication_purges_the_lists_it_enters_and_every_you_missed(site: dict[str, Any]):
    purged = ["/", "/category/chips/", "/tag/europe/", "/author/bob/", "/feed/"]
    purged += [story_url(site, 6), "/news-sitemap.xml"]  # You missed shows the newest
    kept = ["/category/ai/", "/tag/gpus/", "/author/alice/", ABOUT]
    warm(*purged, *kept)
    factories.article(
        title="Fresh off the press", category=site["chips"], authors=[site["bob"]],
        tags=[site["tags"][2]],
    )  # fmt: skip
    assert_purged_and_kept(purged, kept)
    assert "Fresh off the press" in Client().get(story_url(site, 6)).content.decode()


def test_a_withdrawal_purges_its_page_and_the_lists_it_leaves(site: dict[str, Any]):
    story = site["stories"][5]  # Chips, every tag, by Alice
    purged = [story_url(site, 5), "/category/chips/", "/tag/europe/", "/author/alice/", "/"]
    kept = ["/author/bob/", "/category/ai/", ABOUT]
    warm(*purged, *kept)
    services.trash_article(article=story)
    assert_purged_and_kept(purged, kept)
    assert Client().get(story_url(site, 5)).status_code == 404


def test_renaming_a_section_purges_where_its_name_shows(site: dict[str, Any]):
    purged = ["/category/chips/", story_url(site, 2), "/tag/europe/", "/"]
    kept = ["/category/ai/", ABOUT]
    warm(*purged, *kept)
    site["chips"].name = "Semiconductors"
    site["chips"].save()
    assert_purged_and_kept(purged, kept)
    assert "Semiconductors" in Client().get("/tag/europe/").content.decode()


def test_renaming_a_tag_purges_its_archive_and_the_stories_naming_it(site: dict[str, Any]):
    europe = site["tags"][2]
    purged = ["/tag/europe/", story_url(site, 2)]
    kept = ["/tag/gpus/", "/category/ai/", story_url(site, 0), ABOUT]
    warm(*purged, *kept)
    europe.name = "European Union"
    europe.save()
    assert_purged_and_kept(purged, kept)


def test_renaming_an_author_purges_their_bylines(site: dict[str, Any]):
    purged = ["/author/alice/", "/author/bob/", story_url(site, 1), "/"]  # 0 and 4: both
    kept = [ABOUT, "/no-such-page/"]  # every story has Alice or Bob on it
    warm(*purged, *kept)
    site["alice"].name = "Alice Editor"
    site["alice"].save()
    assert_purged_and_kept(purged, kept)


def test_an_approved_comment_purges_its_story_and_the_comment_feeds_only(site: dict[str, Any]):
    story = site["stories"][2]
    purged = [story_url(site, 2), story_url(site, 2) + "feed/"]
    kept = [story_url(site, 3), "/", "/category/chips/", ABOUT]
    warm(*purged, *kept)
    comment = factories.comment(story, status=Comment.Status.PENDING, body="Held for now")
    assert_purged_and_kept([], purged + kept)  # a pending comment changes no page
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert_purged_and_kept(purged, kept)
    assert "Held for now" in Client().get(story_url(site, 2)).content.decode()
    warm(*purged)
    comment.status = Comment.Status.SPAM
    comment.save()
    assert_purged_and_kept(purged, kept)
    assert "Held for now" not in Client().get(story_url(site, 2)).content.decode()


def test_a_related_rebuild_purges_the_related_lists_only(site: dict[str, Any]):
    purged = [story_url(site, 0), story_url(site, 7)]
    kept = ["/", "/category/ai/", "/feed/", ABOUT]
    warm(*purged, *kept)
    call_command("related", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert_purged_and_kept(purged, kept)


def test_a_search_rebuild_purges_the_search_pages_only(site: dict[str, Any]):
    purged = ["/search/?q=story", "/search/?q=number&page=2"]
    kept = ["/", story_url(site, 0), ABOUT]
    warm(*purged, *kept)
    call_command("search", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert_purged_and_kept(purged, kept)


def test_a_static_page_edit_purges_itself_only(site: dict[str, Any]):
    kept = ["/", story_url(site, 0)]
    warm(ABOUT, *kept)
    page = Page.objects.get(slug="about")
    page.body = "All about us."
    page.save()
    assert_purged_and_kept([ABOUT], kept)


def test_the_site_settings_are_on_every_page(site: dict[str, Any]):
    from tests.conftest import edit_site

    urls = ["/", story_url(site, 0), ABOUT, "/feed/", "/no-such-page/"]
    warm(*urls)
    edit_site(name="The Renamed Gazette")
    assert_purged_and_kept(urls, [])


def test_a_draft_saved_again_and_again_purges_nothing(site: dict[str, Any]):
    from masthead.articles.models import Article

    urls = ["/", story_url(site, 0), "/category/ai/", ABOUT]
    draft = factories.article(title="Work in progress", status=Article.Status.DRAFT)
    warm(*urls)
    for n in range(3):
        draft.title = f"Work in progress, take {n}"
        services.save_article(article=draft)
    assert_purged_and_kept([], urls)


def test_through_the_wsgi_fast_path_an_edit_reaches_readers_and_the_rest_stays_in_front(
    site: dict[str, Any],
):
    """The production stack: hits are answered before Django; a purge sends one page back."""
    from tests.caching.test_fastpath import Site

    wsgi, story = Site(), site["stories"][3]
    for url in (story_url(site, 3), ABOUT, "/category/chips/"):
        wsgi.get(url)
        assert wsgi.get(url).headers["x-page-cache"] == "hit", url
    replay = wsgi.get(story_url(site, 3))
    assert f"a:{story.pk}" in replay.headers["surrogate-key"].split(" ")
    assert "s-maxage=" in replay.headers["cache-control"]
    story.title = "Rewritten behind the fast path"
    services.save_article(article=story)
    reached = wsgi.reached
    fresh = wsgi.get(story_url(site, 3))
    assert fresh.headers["x-page-cache"] == "miss"
    assert b"Rewritten behind the fast path" in fresh.body
    assert wsgi.get(ABOUT).headers["x-page-cache"] == "hit"
    assert wsgi.get("/category/chips/").headers["x-page-cache"] == "hit"
    assert wsgi.reached == reached + 1  # only the story page was made again
