"""Small helpers for the webhook tests: a movable clock and webhooks made in one line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

from masthead.api.webhooks import services
from masthead.api.webhooks.models import Event
from masthead.core import clock


class Clock:
    """What ``clock.now()`` answers while ``frozen`` is active; move it with ``advance``."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@contextmanager
def frozen() -> Iterator[Clock]:
    """Stop time at the present; the test moves it."""
    fake = Clock(clock.now())
    with mock.patch("masthead.core.clock.now", side_effect=lambda: fake.now):
        yield fake


def webhook(url: str, events: list[str] | None = None, **fields: object) -> services.IssuedWebhook:
    """A webhook to ``url`` for ``events`` (all of them by default)."""
    return services.create_webhook(
        name=str(fields.pop("name", "receiver")), url=url,
        events=events if events is not None else list(Event.values), **fields,  # type: ignore[arg-type]
    )  # fmt: skip
