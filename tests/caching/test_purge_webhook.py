"""The generic purge webhook: a JSON POST of the stale tags, never breaking a save."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from masthead.caching import purge
from tests.api.webhook_receiver import Receiver, http_receiver  # noqa: F401  (a fixture)


def test_the_webhook_posts_the_tags_as_json(http_receiver: Receiver):  # noqa: F811
    purge.Webhook(urls=[http_receiver.url], headers={"Authorization": "Bearer x"}).purge(
        frozenset({"a:12", "latest"})
    )
    [received] = http_receiver.requests
    assert json.loads(received.body) == {"tags": ["a:12", "latest"]}
    assert received.headers["Content-Type"] == "application/json"
    assert received.headers["Authorization"] == "Bearer x"


def test_every_url_hears_even_when_one_fails(
    http_receiver: Receiver,  # noqa: F811
    caplog: Any,
):
    http_receiver.answers = [500]
    hook = purge.Webhook(urls=[http_receiver.url, http_receiver.url + "second"])
    with caplog.at_level(logging.WARNING, logger="masthead.caching.purge"):
        hook.purge(frozenset({"home"}))
    assert [r.path for r in http_receiver.requests] == ["/hooks/", "/hooks/second"]
    assert "answered 500" in caplog.text


def test_a_receiver_that_hangs_is_given_up_after_the_timeout(
    http_receiver: Receiver,  # noqa: F811
    caplog: Any,
):
    http_receiver.default, http_receiver.hang_seconds = "hang", 3.0
    with caplog.at_level(logging.WARNING, logger="masthead.caching.purge"):
        purge.Webhook(urls=[http_receiver.url], timeout=0.5).purge(frozenset({"home"}))
    assert len(http_receiver.requests) == 1
    assert "failed" in caplog.text


def test_an_address_nobody_answers_at_is_logged_not_raised(caplog: Any):
    with caplog.at_level(logging.WARNING, logger="masthead.caching.purge"):
        purge.Webhook(urls=["http://127.0.0.1:9/"], timeout=1).purge(frozenset({"home"}))
    assert "failed" in caplog.text


def test_backends_come_from_the_setting_after_the_local_store(settings: Any):
    settings.MASTHEAD_PURGE_BACKENDS = [
        {"BACKEND": "masthead.caching.purge.Varnish", "OPTIONS": {"url": "http://v:6081"}},
        {"BACKEND": "masthead.caching.purge.Webhook", "OPTIONS": {"urls": ["http://h/"]}},
    ]
    kinds = [type(b) for b in purge.backends()]
    assert kinds == [purge.LocalStore, purge.Varnish, purge.Webhook]


@pytest.mark.parametrize("count", [1, 250])
def test_varnish_gets_the_tags_in_batches_a_ban_can_hold(count: int):
    tags = frozenset(f"a:{n}" for n in range(count))
    requests = list(purge.Varnish(url="http://v:6081").requests(tags))
    assert sum(len(r["headers"]["X-Purge-Tags"].split(" ")) for _, r in requests) == count
    assert all(r["method"] == "BAN" for _, r in requests)
    assert len(requests) == -(-count // purge.Varnish.BATCH)
