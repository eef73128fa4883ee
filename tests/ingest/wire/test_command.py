"""``masthead ingest``: what cron runs, or what watches with --watch."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from masthead.articles.models import Article
from masthead.core import clock
from masthead.ingest.management.commands import ingest as command
from masthead.ingest.models import WireBand, WireFeed
from tests.ingest.wire.conftest import QuickPolicy, fresh, make_feed
from tests.ingest.wire.feeds import rss

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setattr(command, "WirePolicy", QuickPolicy)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_each_due_feed_gets_a_line(feed_server):
    make_feed(feed_server.serve("/news.xml", rss([fresh(1)])), name="Harbour Wire")
    make_feed(feed_server.serve("/down.xml", status=503), name="Down Wire")
    lines = run().splitlines()
    assert len(lines) == 2
    good = next(line for line in lines if line.startswith("✓"))
    bad = next(line for line in lines if line.startswith("✗"))
    assert good.startswith("✓ Harbour Wire: 1 entries: 1 new, 0 updated, 0 grouped")
    assert bad.startswith(
        "✗ Down Wire: HTTP 503 Service Unavailable after 3 attempts; next try at "
    )
    assert Article.objects.count() == 1


def test_nothing_due_says_so(feed_server):
    make_feed(feed_server.serve("/news.xml", rss([fresh(1)])))
    run()
    assert run().strip() == "No wire feed is due."


def test_json_reports_every_feed(feed_server):
    make_feed(feed_server.serve("/news.xml", rss([fresh(1), fresh(2)])), name="Harbour Wire")
    result = json.loads(run("--json"))
    assert result["action"] == "ingest"
    [report] = result["feeds"]
    assert report["feed"] == "Harbour Wire"
    assert report["outcome"] == "read"
    assert report["tally"]["created"] == 2
    assert report["next_check_at"]


def test_a_named_feed_is_polled_even_when_not_due(feed_server):
    feed = make_feed(feed_server.serve("/news.xml", rss([fresh(1)])), name="Harbour Wire")
    WireFeed.objects.update(next_check_at=clock.now() + timedelta(hours=1))
    assert run("--feed", "harbour wire").startswith("✓ Harbour Wire")
    WireFeed.objects.update(next_check_at=clock.now() + timedelta(hours=1))
    assert "0 new, 0 updated, 0 grouped with other wires, 0 skipped, 1 already in" in run(
        "--feed", str(feed.pk)
    )
    WireFeed.objects.update(next_check_at=clock.now() + timedelta(hours=1))
    assert "Harbour Wire" in run("--all")


def test_an_unknown_feed_name_lists_the_feeds(feed_server):
    make_feed(feed_server.serve("/news.xml", rss([fresh(1)])), name="Harbour Wire")
    with pytest.raises(
        CommandError, match=r"--feed Nope: no such wire feed \(feeds: Harbour Wire\)"
    ):
        run("--feed", "Nope")


def test_watch_polls_again_when_feeds_come_due(feed_server, monkeypatch):
    make_feed(feed_server.serve("/news.xml", rss([fresh(1)])), name="Harbour Wire")
    naps = []

    def nap(seconds, stop_requested):
        naps.append(seconds)
        if len(naps) == 1:  # the feed comes due while the watcher sleeps, with a new story
            feed_server.serve("/news.xml", rss([fresh(1), fresh(2)]))
            WireFeed.objects.update(next_check_at=clock.now())
        else:
            raise KeyboardInterrupt  # the operator presses Ctrl-C twice

    monkeypatch.setattr(command, "nap", nap)
    output = run("--watch")
    assert output.count("✓ Harbour Wire") == 2
    assert Article.objects.count() == 2
    assert 1.0 <= naps[0] <= command.LONGEST_NAP


def test_each_pass_drops_buckets_older_than_the_window(feed_server):
    make_feed(feed_server.serve("/news.xml", rss([fresh(1)])), name="Harbour Wire")
    run()
    WireBand.objects.update(seen_at=clock.now() - QuickPolicy.window - timedelta(minutes=1))
    run("--all")
    assert not WireBand.objects.exists()
