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
from masthead.ingest.wire import rss as rss_reader
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


@pytest.fixture(params=["as the text tools read it", "with a text tool that raises"])
def text_tools(request, monkeypatch):
    """Read headlines with the real text tools, or with one failing on ``<![`` as they once did."""
    if request.param == "with a text tool that raises":
        real = rss_reader._title

        def fragile(node):
            if node is not None and "<![" in (node.text or ""):
                raise AssertionError("expected name token at '<![> close higher'")
            return real(node)

        monkeypatch.setattr(rss_reader, "_title", fragile)
    return request.param


def test_a_headline_that_trips_the_text_tools_never_stops_the_other_feeds(feed_server, text_tools):
    """A hostile headline (``<![>``) is isolated: the run ends normally, every feed is polled.

    Whether the shared text tools can read the headline is theirs to say; either way the
    healthy feed and the feed's other stories are taken in, and a story that could not
    be read is shown on its feed and recorded, not tried again at every poll.
    """
    headline = "Markets <![> close higher"
    markets = make_feed(
        feed_server.serve("/markets.xml", rss([fresh(1), fresh(2, title=headline), fresh(3)])),
        name="Markets Wire",
    )
    healthy = make_feed(feed_server.serve("/news.xml", rss([fresh(4), fresh(5)])), name="Healthy")
    lines = run().splitlines()
    healthy.refresh_from_db()
    markets.refresh_from_db()
    assert healthy.healthy
    assert any(line.startswith("✓ Healthy: 2 entries: 2 new") for line in lines)
    titles = set(Article.objects.filter(category=markets.category).values_list("title", flat=True))
    assert {fresh(1).title, fresh(3).title} <= titles
    [line] = [line for line in lines if "Markets Wire" in line]
    if len(titles) == 2:  # the headline was not read: the feed says which story and why
        failed = f"entry 2 (“{headline}”) could not be read (AssertionError: expected name"
        assert line.startswith(f"✗ Markets Wire: {failed}")
        assert markets.healthy is False
        assert markets.last_error.startswith(failed)
        assert markets.items.get(title=headline).reason.startswith("could not be read (")
    else:
        assert text_tools == "as the text tools read it"
        assert line.startswith("✓ Markets Wire: 3 entries: 3 new")
    WireFeed.objects.update(next_check_at=clock.now())
    again = run()
    markets.refresh_from_db()
    assert "✓ Markets Wire: 3 entries: 0 new, 0 updated" in again
    assert markets.healthy
