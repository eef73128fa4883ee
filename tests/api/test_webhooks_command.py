"""``masthead webhooks deliver``: what cron runs each minute, or what watches with --watch."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from masthead.api.management.commands import webhooks as command
from masthead.api.webhooks import services
from masthead.api.webhooks.models import Delivery, Event
from tests.api.webhook_helpers import webhook

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("webhooks", *args, stdout=out)
    return out.getvalue()


def test_deliver_sends_what_is_due_and_reports_it_as_json(http_receiver):
    http_receiver.answers = [200, 500]
    webhook(http_receiver.url)
    for n in range(2):
        services.queue(event=Event.ARTICLE_UPDATED, payload={"n": n})
    result = json.loads(run("deliver", "--json"))
    assert result == {"action": "deliver", "attempted": 2, "delivered": 1, "retrying": 1,
                      "failed": 0}  # fmt: skip
    assert len(http_receiver.requests) == 2


def test_running_deliver_twice_sends_each_delivery_once(http_receiver):
    webhook(http_receiver.url)
    services.queue(event=Event.ARTICLE_UPDATED, payload={"n": 1})
    run("deliver")
    assert "Attempted 0 deliveries" in run("deliver")
    assert len(http_receiver.requests) == 1
    assert Delivery.objects.get().state == Delivery.State.DELIVERED


def test_watch_keeps_looking_until_interrupted(http_receiver, monkeypatch):
    webhook(http_receiver.url)
    naps = []

    def nap(seconds, stop_requested):
        naps.append(seconds)
        if len(naps) == 1:  # something happens while the watcher sleeps
            services.queue(event=Event.ARTICLE_UPDATED, payload={"n": 2})
        else:
            raise KeyboardInterrupt  # the operator presses Ctrl-C twice

    monkeypatch.setattr(command, "nap", nap)
    services.queue(event=Event.ARTICLE_UPDATED, payload={"n": 1})
    output = run("deliver", "--watch", "--interval", "3")
    assert naps == [3, 3]
    assert "Attempted 2 deliveries: 2 delivered" in output
    assert [json.loads(r.body) for r in http_receiver.requests] == [{"n": 1}, {"n": 2}]
