"""Every change to webhooks and their deliveries goes through these functions.

The back office, the receivers of the articles' and comments' signals, and
``masthead webhooks deliver`` all call them. Sending happens only in ``deliver_due``,
never in the request that published a story.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import F

from masthead.api.webhooks import payloads, sender
from masthead.api.webhooks.models import Delivery, Event, Webhook
from masthead.api.webhooks.policy import DeliveryPolicy
from masthead.articles.models import Article
from masthead.comments.models import Comment
from masthead.core import clock
from masthead.core.batchjobs import Tally

logger = logging.getLogger("masthead.api.webhooks")

SECRET_SCHEME = "whsec_"  # noqa: S105 (a prefix, not a secret)


@dataclass(frozen=True)
class IssuedWebhook:
    """A newly stored webhook and its secret, which the back office never shows again."""

    webhook: Webhook
    secret: str


@dataclass
class DeliveryTally(Tally):
    """What one or more rounds of sending did."""

    attempted: int = 0
    delivered: int = 0
    retrying: int = 0
    failed: int = 0


def new_secret() -> str:
    """A fresh signing secret: ``whsec_`` and 43 URL-safe characters (256 random bits)."""
    return SECRET_SCHEME + secrets.token_urlsafe(32)


@transaction.atomic
def create_webhook(
    *, name: str, url: str, events: Iterable[str], created_by: Any = None,
    is_active: bool = True, webhook: Webhook | None = None,
) -> IssuedWebhook:  # fmt: skip
    """Store a webhook sending ``events`` to ``url``; return it with its new secret.

    ``webhook``, when given, is the unsaved row to fill (the back office's form object).
    """
    chosen = set(events)
    if chosen - set(Event.values):
        raise ValueError(
            f"Unknown webhook events: {', '.join(sorted(chosen - set(Event.values)))}."
        )
    row = webhook or Webhook()
    row.name, row.url, row.is_active = name, url, is_active
    row.events = [e for e in Event.values if e in chosen]
    row.created_by = created_by if getattr(created_by, "is_authenticated", False) else None
    row.secret = new_secret()
    row.full_clean(exclude=["secret"])
    row.save()
    return IssuedWebhook(webhook=row, secret=row.secret)


def rotate_secret(*, webhook: Webhook) -> str:
    """Give ``webhook`` a new secret, used from its next attempt on; return it."""
    webhook.secret = new_secret()
    Webhook.objects.filter(pk=webhook.pk).update(secret=webhook.secret)
    return webhook.secret


# The active webhooks listening to each event, read once for a batch of events.
Listening = dict[str, list[Webhook]]


def queue(
    *, event: str, payload: dict[str, Any], not_before: datetime | None = None,
    hooks: list[Webhook] | None = None,
) -> int:  # fmt: skip
    """Queue ``payload`` for every active webhook listening to ``event`` (``hooks``, when
    the caller read them already); return how many."""
    now = clock.now()
    rows = [
        Delivery(
            webhook=hook,
            event=event,
            payload=payload,
            created_at=now,
            next_attempt_at=max(now, not_before or now),
        )
        for hook in (Webhook.objects.listening_to(event) if hooks is None else hooks)
    ]
    Delivery.objects.bulk_create(rows)
    return len(rows)


def queue_article_event(*, event: str, article: Article, listening: Listening | None = None) -> int:
    """Queue an ``article.*`` event, holding those of a scheduled story until it goes live.

    Before its publication time readers cannot see a scheduled story, so neither do
    webhooks: publishing or editing it queues one ``article.published`` due at that time
    (replacing any still waiting), and unpublishing it cancels the waiting ones.
    ``listening`` keeps the webhooks read for each event across calls (``queue_article_events``);
    no payload is made for an event nobody listens to.
    """
    listening = {} if listening is None else listening
    now = clock.now()
    live_at = article.published_at
    if live_at is None or live_at <= now:
        hooks = _listening(event, listening)
        payload = payloads.for_article(event, article, at=now) if hooks else {}
        return queue(event=event, payload=payload, hooks=hooks)
    Delivery.objects.waiting_for(article.pk).filter(next_attempt_at__gt=now).delete()
    if article.status != Article.Status.PUBLISHED:
        return 0
    published = Event.ARTICLE_PUBLISHED
    hooks = _listening(published, listening)
    payload = payloads.for_article(published, article, at=live_at) if hooks else {}
    return queue(event=published, payload=payload, not_before=live_at, hooks=hooks)


def queue_article_events(*, events: Iterable[tuple[str, Article]]) -> int:
    """``queue_article_event`` for each ``(event, article)``, reading the webhooks once."""
    listening: Listening = {}
    return sum(
        queue_article_event(event=event, article=article, listening=listening)
        for event, article in events
    )


def _listening(event: str, listening: Listening) -> list[Webhook]:
    if event not in listening:
        listening[event] = Webhook.objects.listening_to(event)
    return listening[event]


def queue_comments_approved(*, comments: Iterable[Comment]) -> int:
    """Queue a ``comment.approved`` event for each of ``comments`` that is approved."""
    now = clock.now()
    return sum(
        queue(
            event=Event.COMMENT_APPROVED,
            payload=payloads.for_comment(Event.COMMENT_APPROVED, comment, at=now),
        )
        for comment in comments
        if comment.status == Comment.Status.APPROVED
    )


def claim(*, delivery: Delivery, policy: DeliveryPolicy) -> bool:
    """Reserve ``delivery`` for one attempt by this process; False if another run has it.

    One conditional UPDATE: it succeeds only while the row is still due and nobody has
    counted an attempt since we read it, so two runs never send the same attempt.
    """
    now = clock.now()
    won = (
        Delivery.objects.due(now)
        .filter(pk=delivery.pk, attempts=delivery.attempts)
        .update(
            state=Delivery.State.SENDING,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
            next_attempt_at=now + policy.lease,
        )
    )
    if won:
        delivery.attempts += 1
        delivery.state = Delivery.State.SENDING
        delivery.last_attempt_at, delivery.next_attempt_at = now, now + policy.lease
    return bool(won)


def claim_due(*, policy: DeliveryPolicy, ids: Iterable[int] | None = None) -> list[Delivery]:
    """Claim up to ``policy.batch_size`` due deliveries (of ``ids``, if given), oldest first.

    Where the database can, rows another run has locked are skipped rather than waited for.
    """
    with transaction.atomic():
        rows = Delivery.objects.due(clock.now()).filter(webhook__is_active=True)
        if ids is not None:
            rows = rows.filter(pk__in=list(ids))
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        mine = [d.pk for d in rows.order_by("next_attempt_at", "pk")[: policy.batch_size]
                if claim(delivery=d, policy=policy)]  # fmt: skip
    return list(Delivery.objects.select_related("webhook").filter(pk__in=mine).order_by("pk"))


def attempt(*, delivery: Delivery, policy: DeliveryPolicy) -> sender.Outcome:
    """Send a claimed ``delivery`` once and record the outcome on its row."""
    body = sender.body_of(delivery.payload)
    hook = delivery.webhook
    headers = sender.headers(
        secret=hook.secret, event=delivery.event, delivery_id=delivery.pk,
        timestamp=int(clock.now().timestamp()), body=body,
    )  # fmt: skip
    outcome = sender.post(url=hook.url, body=body, headers=headers, policy=policy)
    record(delivery=delivery, outcome=outcome, policy=policy)
    return outcome


def record(*, delivery: Delivery, outcome: sender.Outcome, policy: DeliveryPolicy) -> None:
    """Store ``outcome`` on ``delivery``: delivered, scheduled again, or failed."""
    now = clock.now()
    delivery.state = Delivery.State.PENDING
    delivery.response_status = outcome.status
    delivery.response_excerpt, delivery.last_error = outcome.excerpt, outcome.error
    if outcome.delivered:
        delivery.state, delivery.delivered_at = Delivery.State.DELIVERED, now
    elif delivery.attempts >= policy.max_attempts:
        delivery.state = Delivery.State.FAILED
        logger.warning("Webhook delivery %s failed for good: %s", delivery.pk, outcome.error)
    else:
        delivery.next_attempt_at = now + policy.wait_after(delivery.attempts)
    delivery.save(update_fields=[
        "response_status", "response_excerpt", "last_error", "state", "delivered_at",
        "next_attempt_at",
    ])  # fmt: skip


def deliver_due(
    *, policy: DeliveryPolicy | None = None, ids: Iterable[int] | None = None
) -> Generator[DeliveryTally, None, None]:
    """Send due deliveries batch by batch, yielding a tally per batch, until none are due."""
    policy = policy or DeliveryPolicy()
    wanted = None if ids is None else list(ids)
    while batch := claim_due(policy=policy, ids=wanted):
        tally = DeliveryTally()
        for delivery in batch:
            outcome = attempt(delivery=delivery, policy=policy)
            tally.attempted += 1
            if outcome.delivered:
                tally.delivered += 1
            elif delivery.state == Delivery.State.FAILED:
                tally.failed += 1
            else:
                tally.retrying += 1
        yield tally


def retry_now(
    *, deliveries: Iterable[Delivery], policy: DeliveryPolicy | None = None
) -> DeliveryTally:
    """Send the waiting or failed ones among ``deliveries`` at once; return what happened.

    A failed delivery gets one more attempt (and is failed again if that fails too). One
    being sent right now by another run is left to it.
    """
    ids = [d.pk for d in deliveries]
    waiting = [Delivery.State.PENDING, Delivery.State.FAILED]
    Delivery.objects.filter(pk__in=ids, state__in=waiting).update(
        state=Delivery.State.PENDING, next_attempt_at=clock.now()
    )
    total = DeliveryTally()
    for tally in deliver_due(policy=policy, ids=ids):
        total.add(tally)
    return total


def update_webhook(
    *, webhook: Webhook, name: str, url: str, events: Iterable[str], is_active: bool
) -> Webhook:
    """Change where ``webhook`` sends and what; its secret and queued deliveries stay.

    Deactivating pauses its deliveries: they wait, pending, until it is active again.
    """
    chosen = set(events)
    if chosen - set(Event.values):
        raise ValueError(
            f"Unknown webhook events: {', '.join(sorted(chosen - set(Event.values)))}."
        )
    webhook.name, webhook.url, webhook.is_active = name, url, is_active
    webhook.events = [e for e in Event.values if e in chosen]
    webhook.full_clean(exclude=["secret", "created_by"])
    webhook.save(update_fields=["name", "url", "events", "is_active"])
    return webhook
