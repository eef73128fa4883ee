"""Sending: signed POSTs to a real local receiver, retried with backoff, logged on the row."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from masthead.api.webhooks import services, signing
from masthead.api.webhooks.models import Delivery, Event
from masthead.api.webhooks.policy import DeliveryPolicy
from tests.api.webhook_helpers import frozen, webhook

pytestmark = pytest.mark.django_db
PAYLOAD = {"event": "article.published", "article": {"id": 7, "title": "Harbour reopens"}}


class Quick(DeliveryPolicy):
    timeout = 0.5


def deliver(policy: DeliveryPolicy | None = None) -> services.DeliveryTally:
    total = services.DeliveryTally()
    for tally in services.deliver_due(policy=policy or Quick()):
        total.add(tally)
    return total


def queued(http_receiver, events=None) -> tuple[services.IssuedWebhook, Delivery]:
    issued = webhook(http_receiver.url, events)
    services.queue(event=Event.ARTICLE_PUBLISHED, payload=PAYLOAD)
    return issued, Delivery.objects.get()


def test_a_delivery_is_a_signed_json_post_the_receiver_can_verify(http_receiver):
    issued, delivery = queued(http_receiver)
    assert deliver().delivered == 1
    (request,) = http_receiver.requests
    assert request.path == "/hooks/"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Masthead-Event"] == "article.published"
    assert request.headers["Masthead-Delivery"] == str(delivery.pk)
    assert json.loads(request.body) == PAYLOAD
    assert signing.verify(
        secret=issued.secret, header_value=request.headers["Masthead-Signature"],
        body=request.body,
    )  # fmt: skip
    assert not signing.verify(
        secret="whsec_wrong", header_value=request.headers["Masthead-Signature"],
        body=request.body,
    )  # fmt: skip


def test_a_2xx_answer_delivers_and_is_logged(http_receiver):
    http_receiver.default, http_receiver.body = 202, b"queued on our side"
    _, delivery = queued(http_receiver)
    deliver()
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.DELIVERED
    assert (delivery.attempts, delivery.response_status) == (1, 202)
    assert delivery.response_excerpt == "queued on our side"
    assert delivery.delivered_at is not None


def test_failures_are_retried_on_the_backoff_schedule_until_one_succeeds(http_receiver):
    http_receiver.answers = [500, 503, 500]
    _, delivery = queued(http_receiver)
    with frozen() as clock:
        start = clock.now
        waits = []
        for _ in range(3):
            assert deliver().retrying == 1
            delivery.refresh_from_db()
            waits.append(delivery.next_attempt_at - clock.now)
            clock.advance(seconds=(delivery.next_attempt_at - clock.now).total_seconds() - 1)
            assert deliver().attempted == 0, "not due a second early"
            clock.advance(seconds=1)
        assert deliver().delivered == 1
        assert deliver().attempted == 0, "nothing more once delivered"
    assert waits == [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30)]
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (Delivery.State.DELIVERED, 4)
    assert len(http_receiver.requests) == 4
    assert clock.now - start == timedelta(minutes=36)


def test_after_the_last_attempt_the_delivery_is_failed_and_sent_no_more(http_receiver):
    http_receiver.default, http_receiver.body = 500, b"x" * 10_000

    class ThreeTries(Quick):
        max_attempts = 3

    _, delivery = queued(http_receiver)
    with frozen() as clock:
        for _ in range(3):
            deliver(ThreeTries())
            clock.advance(days=2)
        assert deliver(ThreeTries()).attempted == 0
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (Delivery.State.FAILED, 3)
    assert (delivery.response_status, delivery.last_error) == (500, "HTTP 500")
    assert len(delivery.response_excerpt) == DeliveryPolicy.excerpt_bytes
    assert len(http_receiver.requests) == 3


def test_a_receiver_that_does_not_answer_in_time_is_retried(http_receiver):
    http_receiver.answers = ["hang"]
    http_receiver.hang_seconds = 1.5
    _, delivery = queued(http_receiver)
    assert deliver().retrying == 1
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.PENDING
    assert delivery.response_status is None
    assert "timed out" in delivery.last_error.lower()


def test_redirects_are_not_followed(http_receiver):
    http_receiver.answers = ["redirect"]
    _, delivery = queued(http_receiver)
    assert deliver().retrying == 1
    delivery.refresh_from_db()
    assert delivery.response_status == 302
    assert [r.path for r in http_receiver.requests] == ["/hooks/"]


def test_a_refused_connection_is_logged_and_retried(http_receiver):
    issued, delivery = queued(http_receiver)
    issued.webhook.url = "http://127.0.0.1:9/nothing-listens"
    issued.webhook.save()
    assert deliver().retrying == 1
    delivery.refresh_from_db()
    assert delivery.last_error
    assert delivery.response_status is None


def test_a_claimed_delivery_cannot_be_claimed_again(http_receiver):
    """Two runs that read the same due row: only the first one's claim wins."""
    _, delivery = queued(http_receiver)
    stale_copy = Delivery.objects.get(pk=delivery.pk)
    assert services.claim(delivery=delivery, policy=Quick())
    assert not services.claim(delivery=stale_copy, policy=Quick())
    assert deliver().attempted == 0, "a claimed delivery is not due for another run"


def test_a_sender_that_died_mid_attempt_is_replaced_after_its_lease(http_receiver):
    _, delivery = queued(http_receiver)
    with frozen() as clock:
        assert services.claim(delivery=delivery, policy=Quick())
        assert deliver().attempted == 0
        clock.advance(seconds=Quick().lease.total_seconds())
        assert deliver().delivered == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2


def test_a_deactivated_webhooks_deliveries_wait(http_receiver):
    issued, _ = queued(http_receiver)
    issued.webhook.is_active = False
    issued.webhook.save()
    assert deliver().attempted == 0
    issued.webhook.is_active = True
    issued.webhook.save()
    assert deliver().delivered == 1


def test_retry_now_sends_a_failed_delivery_once_more(http_receiver):
    http_receiver.answers = [500, 200]

    class OneTry(Quick):
        max_attempts = 1

    _, delivery = queued(http_receiver)
    deliver(OneTry())
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.FAILED
    tally = services.retry_now(deliveries=[delivery], policy=OneTry())
    assert tally.delivered == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (Delivery.State.DELIVERED, 2)


def test_retry_now_leaves_delivered_ones_alone(http_receiver):
    _, delivery = queued(http_receiver)
    deliver()
    assert services.retry_now(deliveries=[delivery]).attempted == 0
    assert len(http_receiver.requests) == 1


def test_the_default_schedule_is_the_documented_one():
    """1 min, 5 min, 30 min, 2 h, 12 h, then daily; 8 attempts in all (docs/api.md)."""
    policy = DeliveryPolicy()
    minutes = [policy.wait_after(n) / timedelta(minutes=1) for n in range(1, 8)]
    assert minutes == [1, 5, 30, 120, 720, 1440, 1440]
    assert policy.max_attempts == 8
