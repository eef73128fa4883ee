"""The wire desk in the back office: feed health and logs, adding feeds, taking groups apart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User

from masthead.articles.models import Article
from masthead.core import clock
from masthead.ingest.models import WireFeed, WireFetch, WireItem
from masthead.ingest.wire.mapper import take_in
from masthead.ingest.wire.parser import parse_feed
from masthead.ingest.wire.policy import WirePolicy
from tests.factories import CategoryFactory, SourceFactory
from tests.ingest.wire.conftest import make_feed
from tests.ingest.wire.feeds import rss, story

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("desk", password="a-long-test-password"))
    return client


def failing_feed():
    feed = make_feed("https://down.example/news.xml", name="Down Wire")
    feed.checked_at, feed.failures = clock.now(), 3
    feed.last_status, feed.last_error = 503, "HTTP 503 Service Unavailable"
    feed.save()
    WireFetch.objects.create(feed=feed, outcome=WireFetch.Outcome.FAILED, status=503,
                             error="HTTP 503 Service Unavailable", attempts=3)  # fmt: skip
    return feed


def test_the_feed_list_shows_which_feeds_fail_and_why(admin_client):
    failing_feed()
    make_feed("https://new.example/news.xml", name="New Wire")
    page = admin_client.get("/admin/ingest/wirefeed/").content.decode()
    assert "✗ Failing (3 in a row)" in page
    assert "HTTP 503 Service Unavailable" in page
    assert "Not polled yet" in page


def test_a_feeds_page_shows_its_recent_polls(admin_client):
    feed = failing_feed()
    page = admin_client.get(f"/admin/ingest/wirefeed/{feed.pk}/change/").content.decode()
    assert "How it is doing" in page
    assert "<td>Failed</td><td>503</td>" in page
    assert "HTTP 503 Service Unavailable" in page


def test_adding_a_feed_checks_its_address_and_keeps_what_was_typed(admin_client):
    source, section = SourceFactory(), CategoryFactory()
    form = {"name": "Harbour Wire", "url": "ftp://wire.example/feed.xml",
            "publisher": source.pk, "credit_line": "Courtesy of Harbour Wire",
            "category": section.pk, "mode": "draft", "interval": 15, "active": "on"}  # fmt: skip
    page = admin_client.post("/admin/ingest/wirefeed/add/", form).content.decode()
    assert "Enter a valid URL." in page
    assert 'value="Courtesy of Harbour Wire"' in page
    assert not WireFeed.objects.exists()
    form["url"] = "https://wire.example/feed.xml"
    admin_client.post("/admin/ingest/wirefeed/add/", form)
    feed = WireFeed.objects.get()
    assert (feed.publisher, feed.category, feed.mode) == (source, section, "draft")
    assert feed.next_check_at is None  # due at the next run


def test_poll_soon_makes_feeds_due(admin_client):
    feed = failing_feed()
    WireFeed.objects.update(next_check_at=clock.now() + timedelta(hours=6))
    admin_client.post("/admin/ingest/wirefeed/",
                      {"action": "poll_soon", "_selected_action": [feed.pk]})  # fmt: skip
    feed.refresh_from_db()
    assert feed.next_check_at <= clock.now()


def test_a_grouped_story_shows_what_it_joined_and_can_be_taken_apart(admin_client):
    body = "<p>The harbour bridge will close for six weeks of cable repairs from Monday.</p>"
    for name in ("Northwire", "Coastal Press"):
        feed = make_feed(f"https://{name[:5].lower()}.example/f.xml", name=name)
        item = story(1 if name == "Northwire" else 2, content=body, pub_date=clock.now())
        take_in(parse_feed(rss([item])), feed=feed, now=clock.now(), policy=WirePolicy())
    copy = WireItem.objects.get(outcome=WireItem.Outcome.GROUPED)
    listing = admin_client.get("/admin/ingest/wireitem/?outcome=grouped").content.decode()
    assert "Story number 1 (Northwire)" in listing
    admin_client.post("/admin/ingest/wireitem/",
                      {"action": "take_apart", "_selected_action": [copy.pk]})  # fmt: skip
    copy.refresh_from_db()
    assert copy.outcome == WireItem.Outcome.PUBLISHED
    assert Article.objects.count() == 2


def test_wire_stories_cannot_be_edited_in_the_back_office(admin_client):
    feed = make_feed("https://wire.example/f.xml")
    take_in(parse_feed(rss([story(1, pub_date=clock.now())])), feed=feed, now=clock.now(),
            policy=WirePolicy())  # fmt: skip
    item = WireItem.objects.get()
    page = admin_client.get(f"/admin/ingest/wireitem/{item.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
