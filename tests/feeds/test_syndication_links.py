"""Feed autodiscovery in every page's <head>, and the full-text switch in the back office."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from masthead.articles.models import SiteSettings
from tests.conftest import soup
from tests.feeds.test_syndication import fetch

pytestmark = pytest.mark.django_db

TYPES = ["application/rss+xml", "application/atom+xml", "application/feed+json"]
SITE_LINKS = [
    ("application/rss+xml", "The Test Gazette (RSS)", "/feed/"),
    ("application/atom+xml", "The Test Gazette (Atom)", "/feed/atom/"),
    ("application/feed+json", "The Test Gazette (JSON Feed)", "/feed.json"),
]


def feed_links(client: Any, url: str) -> list[tuple[str, str, str]]:
    """The feeds ``url``'s <head> announces: (type, title, href)."""
    head = soup(fetch(client, url)).head
    return [
        (link["type"], link["title"], link["href"])
        for link in head.find_all("link", rel="alternate")
        if link.get("type") in TYPES
    ]


def subject_links(name: str, base: str) -> list[tuple[str, str, str]]:
    return [
        ("application/rss+xml", f"{name} – The Test Gazette (RSS)", f"{base}feed/"),
        ("application/atom+xml", f"{name} – The Test Gazette (Atom)", f"{base}feed/atom/"),
        ("application/feed+json", f"{name} – The Test Gazette (JSON Feed)", f"{base}feed.json"),
    ]


def test_every_page_announces_the_sites_three_feeds(client, newsroom):
    story = newsroom["stories"][0]
    for url in ("/", story.get_absolute_url(), f"/{story.pub_date:%Y}/", "/search/?q=story"):
        # The site's come first; an article page adds its comments feed after them.
        assert feed_links(client, url)[:3] == SITE_LINKS, url
    assert client.get("/no/such/page/").status_code == 404
    not_found = soup(client.get("/no/such/page/")).head
    assert len(not_found.find_all("link", rel="alternate")) == 3


@pytest.mark.parametrize(
    ("page", "name", "feeds"),
    [
        ("/category/ai/", "AI", "/category/ai/"),
        ("/category/ai/ai-policy/", "Policy", "/category/ai-policy/"),
        ("/tag/models/", "models", "/tag/models/"),
        ("/author/alice/", "Alice Reporter", "/author/alice/"),
        ("/author/alice/page/2/", "Alice Reporter", "/author/alice/"),
    ],
)
def test_archive_pages_also_announce_their_own_feeds(client, newsroom, page, name, feeds):
    if page.endswith("/page/2/"):
        SiteSettings.objects.update(per_page=4)
        SiteSettings.forget()
    assert feed_links(client, page) == SITE_LINKS + subject_links(name, feeds)


def test_announced_feeds_exist_with_the_announced_type(client, newsroom):
    for media_type, _title, href in feed_links(client, "/category/ai/ai-policy/"):
        assert fetch(client, href)["Content-Type"].split(";")[0] == media_type


def test_the_site_settings_admin_offers_the_full_text_switch(admin_client, newsroom):
    row = SiteSettings.objects.get()
    url = reverse("admin:articles_sitesettings_change", args=[row.pk])
    checkbox = soup(admin_client.get(url)).find("input", attrs={"name": "feed_full_text"})
    assert checkbox is not None
    assert checkbox.has_attr("checked")
    assert SiteSettings.current().feed_full_text is True
