"""The HTTP client with limits (``core.http``): what it reads, what it refuses, where it goes.

Every test talks to a real HTTP server on 127.0.0.1 (the wire tests' ``feed_server``,
which can also hang, drip, stream without end and reset).
"""

from __future__ import annotations

import http.client
import socket
import time

import pytest

from masthead.core import http as http_client
from masthead.core.http import (
    Damaged,
    Limits,
    NotHttp,
    PrivateAddress,
    Refused,
    TooLarge,
    TooSlow,
    send,
)

QUICK = Limits(timeout=0.5, deadline=1.0, max_bytes=200_000)
BODY = b"<rss><channel><title>Harbour Wire</title></channel></rss>"


def test_an_answer_carries_status_headers_and_body(feed_server):
    url = feed_server.serve("/news.xml", BODY, etag='"v1"')
    answer = send(url, headers={"User-Agent": "Test/1"}, limits=QUICK)
    assert (answer.status, answer.ok, answer.body) == (200, True, BODY)
    assert answer.headers["ETag"] == '"v1"'
    assert feed_server.hits("/news.xml")[0].headers["User-Agent"] == "Test/1"


def test_a_non_2xx_status_is_an_answer_not_an_exception(feed_server):
    answer = send(feed_server.base + "/gone.xml", limits=QUICK)
    assert (answer.status, answer.reason, answer.ok) == (404, "Not Found", False)
    assert answer.body == b"no such feed"


def test_a_gzipped_body_is_inflated(feed_server):
    url = feed_server.serve("/news.xml", BODY, gzip=True)
    assert send(url, limits=QUICK).body == BODY


def test_a_gzip_bomb_is_refused_without_inflating_it(feed_server):
    bomb = b"<rss>" + b" " * (50 * 1024 * 1024) + b"</rss>"  # 50 MB of spaces, 50 KB zipped
    url = feed_server.serve("/bomb.xml", bomb, gzip=True)
    patient = Limits(timeout=5, deadline=5, max_bytes=200_000)  # zipping 50 MB takes a while
    with pytest.raises(TooLarge) as refused:
        send(url, limits=patient)
    assert refused.value.announced is None


def test_damaged_gzip_is_refused(feed_server):
    url = feed_server.serve("/bad.xml", b"not gzip at all", headers={"Content-Encoding": "gzip"})
    with pytest.raises(Damaged):
        send(url, limits=QUICK)


def test_an_announced_huge_body_is_refused_unread(feed_server):
    url = feed_server.serve("/huge.xml", b"<rss/>", declared_length=10**9)
    with pytest.raises(TooLarge) as refused:
        send(url, limits=QUICK)
    assert refused.value.announced == 10**9


def test_an_endless_body_is_refused_at_the_size_limit(feed_server):
    url = feed_server.serve("/endless.xml", misbehave="endless")
    with pytest.raises(TooLarge):
        send(url, limits=QUICK)


def test_with_cut_an_endless_body_gives_its_first_max_bytes(feed_server):
    url = feed_server.serve("/endless.xml", misbehave="endless")
    answer = send(url, limits=Limits(timeout=0.5, deadline=1.0, max_bytes=1000, cut=True))
    assert answer.status == 200
    assert len(answer.body) == 1000
    assert answer.body.startswith(b'<?xml version="1.0"?>')


def test_a_body_that_trickles_forever_is_refused_at_the_deadline(feed_server):
    url = feed_server.serve("/drip.xml", misbehave="drip")
    started = time.monotonic()
    with pytest.raises(TooSlow):
        send(url, limits=QUICK)
    assert time.monotonic() - started < QUICK.deadline + QUICK.timeout + 0.5


def test_with_cut_a_trickling_body_gives_what_arrived_by_the_deadline(feed_server):
    url = feed_server.serve("/drip.xml", misbehave="drip")
    answer = send(url, limits=Limits(timeout=0.5, deadline=0.5, cut=True))
    assert answer.body.startswith(b'<?xml version="1.0"?>')


def test_a_server_that_never_answers_times_out(feed_server):
    url = feed_server.serve("/slow.xml", misbehave="hang", seconds=1.5)
    started = time.monotonic()
    with pytest.raises(OSError, match="timed out"):
        send(url, limits=QUICK)
    assert time.monotonic() - started < QUICK.timeout + 0.5


def test_a_dropped_connection_raises_what_urllib_raises(feed_server):
    url = feed_server.serve("/reset.xml", misbehave="reset")
    with pytest.raises((OSError, http.client.HTTPException)):
        send(url, limits=QUICK)


def test_a_refused_connection_raises_oserror():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(OSError, match=r"[Rr]efused"):
        send(f"http://127.0.0.1:{port}/", limits=QUICK)


def test_without_redirects_a_3xx_is_the_answer(feed_server):
    new = feed_server.serve("/new.xml", BODY)
    old = feed_server.serve("/old.xml", status=302, location=new)
    answer = send(old, limits=QUICK)
    assert (answer.status, answer.moved_to) == (302, "")
    assert feed_server.hits("/new.xml") == []


def test_redirects_are_followed_and_a_first_permanent_move_is_noted(feed_server):
    new = feed_server.serve("/new.xml", BODY)
    old = feed_server.serve("/old.xml", status=301, location=new)
    answer = send(old, limits=Limits(redirects=5))
    assert (answer.status, answer.body, answer.moved_to) == (200, BODY, new)


def test_a_temporary_redirect_is_followed_without_a_note(feed_server):
    new = feed_server.serve("/today.xml", BODY)
    old = feed_server.serve("/news.xml", status=302, location=new)
    answer = send(old, limits=Limits(redirects=5))
    assert (answer.body, answer.moved_to) == (BODY, "")


def test_past_the_redirect_limit_the_next_3xx_is_the_answer(feed_server):
    feed_server.serve("/a.xml", status=302, location=feed_server.base + "/b.xml")
    feed_server.serve("/b.xml", status=302, location=feed_server.base + "/a.xml")
    answer = send(feed_server.base + "/a.xml", limits=Limits(redirects=5))
    assert answer.status == 302
    assert len(feed_server.requests) == 1 + 5


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://wire.example/feed.xml"])
def test_a_redirect_off_http_is_not_followed(feed_server, target):
    url = feed_server.serve("/sneaky.xml", status=302, location=target)
    answer = send(url, limits=Limits(redirects=5))
    assert answer.status == 302
    assert b"root" not in answer.body


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://wire.example/feed.xml", "data:,hi", "wire.example/x"]
)
def test_only_http_and_https_addresses_are_opened(url):
    with pytest.raises(NotHttp):
        send(url, limits=QUICK)


def test_an_address_urllib_cannot_parse_is_refused():
    with pytest.raises(Refused, match="not a usable address"):
        send("http://[not-an-ip/", limits=QUICK)


PUBLIC = Limits(timeout=2.0, deadline=5.0, redirects=3, public_only=True)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "10.1.2.3", "169.254.169.254"])
def test_public_only_refuses_this_machine_and_private_networks_unasked(host):
    with pytest.raises(PrivateAddress, match="is not a public address"):
        send(f"http://{host}:9/latest/meta-data/", limits=PUBLIC)


def test_public_only_refuses_a_loopback_server_before_asking_it(feed_server):
    url = feed_server.serve("/feed.xml", BODY)
    with pytest.raises(PrivateAddress):
        send(url, limits=PUBLIC)
    assert feed_server.hits("/feed.xml") == []
    assert send(url, limits=QUICK).body == BODY  # without public_only, it is fetched


def test_public_only_checks_the_peer_a_name_connected_to(feed_server, monkeypatch):
    """A name that resolved to a public address and then to this machine (DNS rebinding)."""
    monkeypatch.setattr(http_client, "refuse_private", lambda url: None)
    url = feed_server.serve("/feed.xml", BODY)
    with pytest.raises(PrivateAddress, match=r"127\.0\.0\.1 is not a public address"):
        send(url, limits=PUBLIC)
    assert feed_server.hits("/feed.xml") == []


def test_public_only_checks_where_a_redirect_leads(feed_server, monkeypatch):
    """A public site answering with a redirect into the private network."""
    checked = http_client._refuse_unless_public
    monkeypatch.setattr(
        http_client, "_refuse_unless_public",
        lambda host, address: None if address == "127.0.0.1" else checked(host, address),
    )  # fmt: skip  # the test server stands for a public one
    old = feed_server.serve("/old.xml", status=302, location="http://10.9.8.7/admin")
    with pytest.raises(PrivateAddress, match=r"10\.9\.8\.7 is not a public address"):
        send(old, limits=PUBLIC)
    assert len(feed_server.hits("/old.xml")) == 1
