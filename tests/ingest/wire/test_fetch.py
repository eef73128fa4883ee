"""Fetching a feed: conditional GET, retries with backoff, and how each refusal is worded.

Every test talks to a real HTTP server on 127.0.0.1 (``feed_server``). The limits
themselves (gzip, bombs, redirects, schemes) are the HTTP client's: tests/core/test_http.py.
"""

from __future__ import annotations

import socket
import time

from masthead.ingest.wire.fetch import fetch, retry_after
from tests.ingest.wire.feeds import rss, story

FEED = rss([story(1), story(2)])


def test_a_feed_comes_back_with_its_validators(feed_server, policy):
    url = feed_server.serve(
        "/news.xml", FEED, etag='"v1"', last_modified="Tue, 05 Mar 2024 10:00:00 GMT"
    )
    got = fetch(url, policy=policy)
    assert (got.status, got.body, got.error) == (200, FEED, "")
    assert got.etag == '"v1"'
    assert got.last_modified == "Tue, 05 Mar 2024 10:00:00 GMT"


def test_the_validators_are_sent_back_and_an_unchanged_feed_costs_a_304(feed_server, policy):
    url = feed_server.serve(
        "/news.xml", FEED, etag='"v1"', last_modified="Tue, 05 Mar 2024 10:00:00 GMT"
    )
    got = fetch(url, etag='"v1"', last_modified="Tue, 05 Mar 2024 10:00:00 GMT", policy=policy)
    assert got.not_modified
    assert got.body == b""
    sent = feed_server.hits("/news.xml")[0].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Tue, 05 Mar 2024 10:00:00 GMT"


def test_a_stale_etag_gets_the_whole_feed(feed_server, policy):
    url = feed_server.serve("/news.xml", FEED, etag='"v2"')
    got = fetch(url, etag='"v1"', policy=policy)
    assert got.status == 200
    assert got.body == FEED
    assert got.etag == '"v2"'


def test_we_say_who_we_are_and_what_we_accept(feed_server, policy):
    url = feed_server.serve("/news.xml", FEED)
    fetch(url, policy=policy, user_agent="Masthead/1 (+https://news.example/)")
    sent = feed_server.hits("/news.xml")[0].headers
    assert sent["User-Agent"] == "Masthead/1 (+https://news.example/)"
    assert "application/rss+xml" in sent["Accept"]
    assert sent["Accept-Encoding"] == "gzip"


def test_passing_server_errors_are_retried_with_growing_waits(feed_server, policy):
    url = feed_server.serve("/news.xml", FEED, first=[503, 502])
    waits = []
    got = fetch(url, policy=policy, sleep=waits.append)
    assert (got.status, got.body, got.attempts) == (200, FEED, 3)
    assert waits == [policy.retry_wait, policy.retry_wait * 2]


def test_retries_stop_after_the_policys_count_and_the_last_error_is_kept(feed_server, policy):
    url = feed_server.serve("/news.xml", FEED, first=[503, 503, 503, 503])
    waits = []
    got = fetch(url, policy=policy, sleep=waits.append)
    assert got.status == 503
    assert got.attempts == 3
    assert len(waits) == 2
    assert got.error == "HTTP 503 Service Unavailable"


def test_retry_after_is_honoured_when_short_and_ends_the_poll_when_long(feed_server, policy):
    url = feed_server.serve("/a.xml", FEED, first=[429], headers={"Retry-After": "1"})
    waits = []
    assert fetch(url, policy=policy, sleep=waits.append).status == 200
    assert waits == [1.0]
    url = feed_server.serve("/b.xml", FEED, first=[429], headers={"Retry-After": "3600"})
    got = fetch(url, policy=policy, sleep=waits.append)
    assert got.status == 429
    assert got.attempts == 1
    assert "429" in got.error


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: now
    assert retry_after("soon") is None
    assert retry_after(None) is None


def test_a_missing_feed_is_not_retried(feed_server, policy):
    waits = []
    got = fetch(feed_server.base + "/gone.xml", policy=policy, sleep=waits.append)
    assert (got.status, got.attempts, waits) == (404, 1, [])
    assert got.error == "HTTP 404 Not Found"


def test_a_server_that_never_answers_times_out_and_is_retried(feed_server, policy):
    url = feed_server.serve("/slow.xml", misbehave="hang", seconds=1.5)
    started = time.monotonic()
    got = fetch(url, policy=policy, sleep=lambda s: None)
    assert got.error == f"no answer within {policy.timeout:g} s"
    assert got.attempts == 3
    assert time.monotonic() - started < 3 * policy.timeout + 1


def test_a_refused_connection_is_an_error_not_an_exception(policy):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    got = fetch(f"http://127.0.0.1:{port}/news.xml", policy=policy, sleep=lambda s: None)
    assert got.error == "the connection was refused"
    assert got.status is None


def test_a_dropped_connection_is_an_error(feed_server, policy):
    url = feed_server.serve("/reset.xml", misbehave="reset")
    got = fetch(url, policy=policy, sleep=lambda s: None)
    assert got.error.startswith("the answer was broken")
    assert got.attempts == 3


def test_an_announced_huge_body_is_refused_unread(feed_server, policy):
    url = feed_server.serve("/huge.xml", b"<rss/>", declared_length=10**9)
    got = fetch(url, policy=policy)
    assert got.error == f"the feed is 1,000,000,000 bytes, over the limit of {policy.max_bytes:,}"
    assert got.attempts == 1


def test_an_endless_body_is_cut_off_at_the_size_limit(feed_server, policy):
    url = feed_server.serve("/endless.xml", misbehave="endless")
    got = fetch(url, policy=policy)
    assert got.error == f"the feed is over the limit of {policy.max_bytes:,} bytes"
    assert got.attempts == 1  # huge now, huge in two seconds: not retried


def test_a_body_that_trickles_forever_is_cut_off_at_the_deadline(feed_server, policy):
    url = feed_server.serve("/drip.xml", misbehave="drip")
    started = time.monotonic()
    got = fetch(url, policy=policy)
    assert got.error == f"the feed was still arriving after {policy.deadline:g} s; cut off"
    assert time.monotonic() - started < policy.deadline + policy.timeout + 0.5


def test_damaged_gzip_is_an_error(feed_server, policy):
    url = feed_server.serve("/bad.xml", b"not gzip at all", headers={"Content-Encoding": "gzip"})
    assert fetch(url, policy=policy).error.startswith("the gzipped feed is damaged")


def test_redirects_are_followed_and_a_permanent_move_is_noted(feed_server, policy):
    new = feed_server.serve("/new.xml", FEED)
    old = feed_server.serve("/old.xml", status=301, location=new)
    got = fetch(old, policy=policy)
    assert got.body == FEED
    assert got.moved_to == new


def test_a_redirect_loop_ends_in_an_error(feed_server, policy):
    feed_server.serve("/a.xml", status=302, location=feed_server.base + "/b.xml")
    feed_server.serve("/b.xml", status=302, location=feed_server.base + "/a.xml")
    got = fetch(feed_server.base + "/a.xml", policy=policy)
    assert got.error.startswith("HTTP 302")
    assert not got.body


def test_only_http_addresses_are_fetched(policy):
    for url in ("file:///etc/passwd", "ftp://wire.example/feed.xml", "wire.example/feed"):
        got = fetch(url, policy=policy)
        assert got.error == "the feed URL must start with http:// or https://"
