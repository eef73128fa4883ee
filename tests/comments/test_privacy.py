"""Commenters' email and IP addresses appear on no public page or feed.

The test crawls the public site from the home page, following every link on the site
and every feed link, and checks each answer for the addresses of approved, held and
spam comments. It also checks that the crawl reached every kind of public URL, so a new
page type cannot slip past it.
"""

from __future__ import annotations

from collections import deque
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import Resolver404, resolve

from masthead.comments.models import Comment
from tests import factories
from tests.conftest import soup

pytestmark = pytest.mark.django_db

SECRETS = ["hidden-approved@example.org", "hidden-held@example.org", "hidden-spam@example.org"]
IPS = ["203.0.113.41", "2001:db8::41", "198.51.100.41"]
LIMIT = 400


@pytest.fixture
def commented(newsroom: dict[str, Any]) -> dict[str, Any]:
    story = newsroom["stories"][0]
    statuses = [Comment.Status.APPROVED, Comment.Status.PENDING, Comment.Status.SPAM]
    for email, ip, status in zip(SECRETS, IPS, statuses, strict=True):
        top = factories.comment(
            story, status=status, author_email=email, ip_address=ip, author_name="Named Reader"
        )
        factories.comment(story, parent=top, depth=1, author_email=email, ip_address=ip)
    return newsroom


def internal_links(response: Any) -> list[str]:
    if not response["Content-Type"].startswith("text/html"):
        return []
    doc = soup(response)
    hrefs = [a.get("href", "") for a in doc.select("a[href], link[href]")]
    paths = []
    for href in hrefs:
        parts = urlsplit(href)
        local = parts.netloc in ("", "testserver") and parts.path.startswith("/")
        if local and not parts.path.startswith(("/static/", "/media/", "/admin/")):
            paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def crawl(client: Client) -> dict[str, bytes]:
    """Every page reachable from the home page, the feeds and the date archives (unlinked)."""
    day = Comment.objects.select_related("article").first().article.pub_date
    seen: dict[str, bytes] = {}
    queue = deque(
        ["/", "/comments/feed/", "/no-such-page/", day.strftime("/%Y/"),
         day.strftime("/%Y/%m/"), day.strftime("/%Y/%m/%d/")]
    )  # fmt: skip
    while queue and len(seen) < LIMIT:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path, follow=True)
        seen[path] = response.content
        queue.extend(p for p in internal_links(response) if p not in seen)
    return seen


def test_no_public_page_or_feed_shows_a_commenters_email_or_ip(commented):
    pages = crawl(Client())
    assert len(pages) < LIMIT, "the crawl did not finish; raise LIMIT"
    leaks = [
        (path, secret)
        for path, body in pages.items()
        for secret in [*SECRETS, *IPS]
        if secret.encode() in body
    ]
    assert leaks == []
    story = commented["stories"][0]
    assert b"Named Reader" in pages[story.get_absolute_url()]


def test_the_crawl_reaches_every_kind_of_public_page(commented):
    reached = set()
    for path in crawl(Client()):
        try:
            match = resolve(urlsplit(path).path)
        except Resolver404:  # the crawl's deliberate 404
            continue
        reached.add(match.view_name)
    expected = {
        "articles:home", "articles:article", "articles:category", "articles:tag",
        "articles:author", "articles:year", "articles:month", "articles:day",
        "comments:feed", "comment-feeds:article-feed",
    }  # fmt: skip
    assert expected <= reached


def test_no_public_page_loads_anything_from_another_host(commented):
    """No avatars, fonts, scripts or trackers from elsewhere: readers' visits stay here."""
    foreign, checked = [], 0
    for path, body in crawl(Client()).items():
        if not body.lstrip().lower().startswith(b"<!doctype html>"):
            continue
        checked += 1
        doc = BeautifulSoup(body, "html.parser")
        loaded = [tag.get("src") for tag in doc.select("[src]")] + [
            tag.get("href")
            for tag in doc.select("link[href]")
            if not {"canonical", "alternate"} & set(tag.get("rel", []))
        ]
        foreign += [(path, url) for url in loaded if urlsplit(url).netloc not in ("", "testserver")]
    assert checked > 10
    assert foreign == []
