"""Polling feeds over HTTP: broken feeds are recorded on themselves and never stop the others."""

from __future__ import annotations

from datetime import timedelta

import pytest

from masthead.articles.models import Article
from masthead.core import clock
from masthead.ingest.models import WireFeed, WireFetch
from masthead.ingest.wire import poll
from tests.ingest.wire.conftest import fresh, make_feed
from tests.ingest.wire.feeds import rss

pytestmark = pytest.mark.django_db


def run(policy, *feeds):
    claimed = poll.claim(feeds or poll.due(), policy=policy)
    return {report.feed: report for report in poll.poll_feeds(claimed, policy=policy)}


def test_every_broken_feed_is_recorded_and_the_good_ones_are_taken_in(feed_server, policy):
    good = make_feed(feed_server.serve("/good.xml", rss([fresh(1), fresh(2)])), name="Good")
    broken = {
        "Error 500": feed_server.serve("/500.xml", status=500),
        "Not XML": feed_server.serve("/html.xml", b"<html><body>Oops</body></html>"),
        "Ill-formed": feed_server.serve("/bad.xml", b"<rss><channel><item></channel></rss>"),
        "Silent": feed_server.serve("/hang.xml", misbehave="hang", seconds=2),
        "Endless": feed_server.serve("/endless.xml", misbehave="endless"),
        "Missing": feed_server.base + "/missing.xml",
    }
    for name, url in broken.items():
        make_feed(url, name=name)
    later = make_feed(feed_server.serve("/later.xml", rss([fresh(3)])), name="Later")
    reports = run(policy)
    assert reports["Good"].tally.created == 2
    assert reports["Later"].tally.created == 1
    assert Article.objects.count() == 3
    for name in broken:
        feed = WireFeed.objects.get(name=name)
        assert reports[name].outcome == WireFetch.Outcome.FAILED
        assert feed.failures == 1
        assert feed.last_error == reports[name].error != ""
    errors = {name: WireFeed.objects.get(name=name).last_error for name in broken}
    assert errors["Error 500"] == "HTTP 500 Internal Server Error"
    assert errors["Not XML"] == "not an RSS or Atom feed: the document's root is <html>"
    assert errors["Ill-formed"].startswith("not well-formed XML")
    assert "line 1" in errors["Ill-formed"]
    assert errors["Silent"] == f"no answer within {policy.timeout:g} s"
    assert errors["Endless"].startswith("the feed is over the limit")
    assert errors["Missing"] == "HTTP 404 Not Found"
    good.refresh_from_db()
    later.refresh_from_db()
    assert good.healthy
    assert later.healthy


def test_the_second_poll_is_conditional_and_costs_a_304(feed_server, policy):
    url = feed_server.serve("/news.xml", rss([fresh(1)]), etag='"abc"',
                            last_modified="Tue, 05 Mar 2024 10:00:00 GMT")  # fmt: skip
    feed = make_feed(url)
    run(policy, feed)
    feed.refresh_from_db()
    assert (feed.etag, feed.last_modified) == ('"abc"', "Tue, 05 Mar 2024 10:00:00 GMT")
    report = run(policy, feed)[feed.name]
    assert report.outcome == WireFetch.Outcome.NOT_MODIFIED
    assert feed_server.hits("/news.xml")[1].headers["If-None-Match"] == '"abc"'
    assert Article.objects.count() == 1
    feed.refresh_from_db()
    assert feed.etag == '"abc"'  # a 304 keeps the validators


def test_a_failing_feed_waits_longer_each_time_and_recovers(feed_server, policy):
    feed = make_feed(feed_server.serve("/news.xml", status=500), interval=10)
    waits = []
    for _ in range(3):
        before = clock.now()
        run(policy, feed)
        feed.refresh_from_db()
        waits.append(round((feed.next_check_at - before).total_seconds() / 60))
    assert waits == [10, 20, 40]
    assert feed.failures == 3
    feed_server.serve("/news.xml", rss([fresh(1)]))
    run(policy, feed)
    feed.refresh_from_db()
    assert (feed.failures, feed.last_error, feed.last_status) == (0, "", 200)
    assert feed.succeeded_at == feed.checked_at


def test_each_poll_is_logged_and_the_log_stays_short(feed_server, policy):
    policy.fetch_log = 3
    feed = make_feed(feed_server.serve("/news.xml", rss([fresh(1), fresh(2)])))
    run(policy, feed)
    first = feed.fetches.get()
    assert (first.outcome, first.status, first.entries, first.created) == ("read", 200, 2, 2)
    assert first.bytes > 0
    for _ in range(4):
        run(policy, feed)
    assert feed.fetches.count() == 3


def test_a_permanent_move_is_noted_on_the_feed(feed_server, policy):
    new = feed_server.serve("/new.xml", rss([fresh(1)]))
    feed = make_feed(feed_server.serve("/old.xml", status=301, location=new))
    run(policy, feed)
    feed.refresh_from_db()
    assert feed.moved_to == new


def test_only_due_active_feeds_are_polled(feed_server, policy):
    url = feed_server.serve("/news.xml", rss([fresh(1)]))
    make_feed(url, name="Due")
    make_feed(url + "?off", name="Off", active=False)
    make_feed(url + "?later", name="Later", next_check_at=clock.now() + timedelta(minutes=5))
    assert set(run(policy)) == {"Due"}


def test_a_claimed_feed_is_not_polled_by_a_second_poller(feed_server, policy):
    feed = make_feed(feed_server.serve("/news.xml", rss([fresh(1)])))
    assert poll.claim([feed], policy=policy) == [feed]
    assert poll.claim([WireFeed.objects.get()], policy=policy) == [feed]  # its lease, re-read
    stale = feed  # still holds the time seen before the first claim
    assert poll.claim([stale], policy=policy) == []
    assert list(poll.due()) == []


def test_a_stop_releases_the_feeds_not_yet_written(feed_server, policy):
    feeds = [make_feed(feed_server.serve(f"/{n}.xml", rss([fresh(n)])), name=f"F{n}")
             for n in range(3)]  # fmt: skip
    claimed = poll.claim(feeds, policy=policy)
    done = list(poll.poll_feeds(claimed, policy=policy, stop=lambda: True))
    assert done == []
    assert {f.name for f in poll.due()} == {"F0", "F1", "F2"}


def test_a_bug_while_taking_stories_in_is_recorded_on_that_feed_only(
    feed_server, policy, monkeypatch
):
    bad = make_feed(feed_server.serve("/bad.xml", rss([fresh(1)])), name="Bad")
    make_feed(feed_server.serve("/good.xml", rss([fresh(2)])), name="Good")
    real = poll.take_in

    def fragile(document, *, feed, **kwargs):
        if feed.pk == bad.pk:
            raise RuntimeError("disk on fire")
        return real(document, feed=feed, **kwargs)

    monkeypatch.setattr(poll, "take_in", fragile)
    reports = run(policy)
    assert reports["Bad"].error == "the stories could not be taken in (RuntimeError: disk on fire)"
    assert reports["Good"].tally.created == 1


def test_a_move_to_an_address_too_long_to_keep_is_not_noted(feed_server, policy):
    long_path = "/new.xml?" + "x" * 600
    new = feed_server.serve(long_path, rss([fresh(1)]))
    feed = make_feed(feed_server.serve("/old.xml", status=301, location=new))
    run(policy, feed)
    feed.refresh_from_db()
    assert feed.healthy
    assert feed.moved_to == ""


def test_a_bug_while_fetching_is_recorded_on_that_feed_only(feed_server, policy, monkeypatch):
    """Even an unexpected error in the fetch of one feed is written on it; the others go on."""
    bad = make_feed(feed_server.serve("/bad.xml", rss([fresh(1)])), name="Bad")
    make_feed(feed_server.serve("/good.xml", rss([fresh(2)])), name="Good")
    real = poll.fetch

    def fragile(url, **kwargs):
        if url == bad.url:
            raise UnicodeError("a bug in the client")
        return real(url, **kwargs)

    monkeypatch.setattr(poll, "fetch", fragile)
    reports = run(policy)
    assert reports["Good"].tally.created == 1
    bad.refresh_from_db()
    assert bad.healthy is False
    assert bad.last_error == "the feed could not be fetched (UnicodeError: a bug in the client)"


def test_a_bug_while_recording_a_poll_still_marks_the_feed(feed_server, policy, monkeypatch):
    """If writing a poll's log fails, the feed still shows the failure; the others go on."""
    bad = make_feed(feed_server.serve("/bad.xml", rss([fresh(1)])), name="Bad")
    make_feed(feed_server.serve("/good.xml", rss([fresh(2)])), name="Good")
    real = poll._note

    def fragile(feed, *args, **kwargs):
        if feed.pk == bad.pk:
            raise RuntimeError("log table locked")
        return real(feed, *args, **kwargs)

    monkeypatch.setattr(poll, "_note", fragile)
    reports = run(policy)
    assert reports["Good"].tally.created == 1
    assert reports["Bad"].error == "the poll could not be recorded (RuntimeError: log table locked)"
    bad.refresh_from_db()
    assert bad.healthy is False
    assert bad.last_error == reports["Bad"].error
    assert bad.next_check_at > clock.now()
