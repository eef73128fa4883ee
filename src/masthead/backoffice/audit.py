"""Writing the audit log, and keeping it to its configured age.

Everything goes through ``record``: the receivers in ``receivers.py`` call it for sign-ins,
role changes, the workflow's moves and settings changes. An entry is written once the
transaction around it commits, so a change that rolls back leaves no trace::

    record(action=AuditEntry.Action.PUBLISHED, actor=editor, obj=story, ip="203.0.113.7")

Who and from where, for code that has no request at hand (a service sending a signal),
comes from ``current_origin()``, which ``middleware.AuditOrigin`` sets for each request
(and ``acting`` for a command): ``record`` falls back to it for an actor or an address
it is not given.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from rest_framework.throttling import BaseThrottle

from masthead.backoffice.models import AuditEntry
from masthead.core import clock

Action = AuditEntry.Action
PRUNE_BATCH = 1000


@dataclass(frozen=True)
class Origin:
    """Who is acting in this request (possibly a lazy user), from which address and session."""

    user: Any = None
    ip: str | None = None
    # The request's session key: ending someone's sessions spares the one acting now.
    session: str | None = None


NOBODY = Origin()  # outside a request: the system, from no address
_origin: ContextVar[Origin] = ContextVar("masthead_audit_origin", default=NOBODY)


def current_origin() -> Origin:
    """The request being served's user and address; empty outside a request."""
    return _origin.get()


@contextmanager
def acting(
    *, user: Any = None, ip: str | None = None, session: str | None = None
) -> Iterator[Origin]:
    """Make ``user``, ``ip`` and ``session`` the ``current_origin()`` inside the block."""
    token = _origin.set(Origin(user=user, ip=ip, session=session))
    try:
        yield _origin.get()
    finally:
        _origin.reset(token)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as the API's rate limits see it, or None if it is not one.

    Behind the HTTPS proxy (``BEHIND_HTTPS_PROXY``) that is the last X-Forwarded-For hop,
    else ``REMOTE_ADDR``: Django REST framework's reading of ``NUM_PROXIES``, reused so
    the log and the rate limits never disagree about who a client is.
    """
    if request is None:
        return None
    found = BaseThrottle().get_ident(request)
    try:
        return str(ipaddress.ip_address((found or "").strip()))
    except ValueError:
        return None


def record(
    *,
    action: str,
    actor: Any = None,
    obj: models.Model | None = None,
    ip: str | None = None,
    detail: dict[str, Any] | None = None,
    label: str = "",
) -> None:
    """Log ``action`` by ``actor`` on ``obj`` from ``ip``, once the transaction commits.

    Outside a transaction the entry is written at once. ``ip`` is an address as
    ``client_ip`` gives it (checked, or None). Without ``actor`` or ``ip`` the entry
    names ``current_origin()``'s user and address (nobody, from nowhere, outside a
    request). Everything is read now (names, labels,
    the time), so the entry tells the moment it happened even if the objects change
    before the commit. ``label`` names the object when there is no ``obj`` (the
    username a failed sign-in tried).
    """
    origin = current_origin()
    actor = origin.user if actor is None else actor
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        at=clock.now(),
        actor=user,
        actor_name=user.get_username()[:150] if user else "",
        action=action,
        ip=origin.ip if ip is None else ip,
        detail=detail or {},
        object_label=label[:300],
    )
    if obj is not None:
        _describe(entry, obj)
    # robust: the change has committed; a log that cannot be written is reported in the
    # server's log, never turned into an error page for something that did happen.
    transaction.on_commit(entry.save, robust=True)


def _describe(entry: AuditEntry, obj: models.Model) -> None:
    meta = obj._meta
    entry.object_type = meta.label_lower
    entry.object_id = str(obj.pk)
    entry.object_label = str(obj)[:300]
    try:
        entry.object_url = reverse(
            f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]
        )[:300]
    except NoReverseMatch:
        entry.object_url = ""


def prune(*, older_than: timedelta | None = None, batch: int = PRUNE_BATCH) -> int:
    """Delete entries older than ``older_than`` (``AUDIT_KEEP_DAYS``); return how many."""
    age = older_than if older_than is not None else timedelta(days=settings.AUDIT_KEEP_DAYS)
    return sum(_prune_batches(clock.now() - age, batch))


def _prune_batches(cutoff: Any, batch: int) -> Iterator[int]:
    # Batches of ids keep each DELETE (and the lock it holds) short on a large log.
    old = AuditEntry.objects.filter(at__lt=cutoff).order_by("at", "id")
    while ids := list(old.values_list("id", flat=True)[:batch]):
        yield AuditEntry.objects.filter(id__in=ids).delete()[0]
