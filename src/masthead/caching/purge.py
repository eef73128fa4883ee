"""Purge backends: who else keeps copies of our pages, and how to tell them what went stale.

The page cache of the site's own processes is always purged. ``MASTHEAD_PURGE_BACKENDS``
adds caches in front of the site, in the shape of Django's ``CACHES`` (a list here, since
every one of them is purged)::

    MASTHEAD_PURGE_BACKENDS = [
        {"BACKEND": "masthead.caching.purge.Varnish",
         "OPTIONS": {"url": "http://127.0.0.1:6081"}},
        {"BACKEND": "masthead.caching.purge.Webhook",
         "OPTIONS": {"urls": ["https://cdn.example/purge"], "timeout": 5}},
    ]

``Varnish`` sends ``BAN`` with the tags in an ``X-Purge-Tags`` header; the VCL shipped in
docs/varnish/masthead.vcl bans every object whose ``Surrogate-Key`` holds one of them.
``Webhook`` POSTs ``{"tags": [...]}`` as JSON. Both run after the commit, on the site's
background thread (``masthead.core.background.later``), and a failure is logged: a
save never fails because a cache in front did not answer. The tag ``"*"`` is every page
(the site's settings changed, a bulk import): Varnish bans everything, the webhook
receives ``{"tags": ["*"]}``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from masthead.articles.pagetags import EVERYTHING
from masthead.caching import store
from masthead.core import background, generation, http

logger = logging.getLogger(__name__)


class PurgeBackend:
    """Base class: drop every copy that carries one of ``tags`` (``"*"``: every copy)."""

    def __init__(self, **options: Any) -> None:
        self.options = options

    def purge(self, tags: frozenset[str]) -> None:
        raise NotImplementedError


class LocalStore(PurgeBackend):
    """The page cache of the site's own worker processes (always purged, first)."""

    def purge(self, tags: frozenset[str]) -> None:
        if EVERYTHING in tags:
            store.purge_all()
        else:
            store.purge(tags)


class HttpPurge(PurgeBackend):
    """A backend that tells a server over HTTP, with a timeout, in the background."""

    def __init__(self, *, timeout: float = 5.0, **options: Any) -> None:
        super().__init__(**options)
        self.limits = http.Limits(timeout=timeout, deadline=timeout, max_bytes=64 * 1024)

    def purge(self, tags: frozenset[str]) -> None:
        background.later(self.send_all, tags)

    def send_all(self, tags: frozenset[str]) -> None:
        for url, request in self.requests(tags):
            try:
                answer = http.send(url, limits=self.limits, **request)
            except (OSError, http.Refused, ValueError) as exc:
                logger.warning("Purge of %d tag(s) at %s failed: %s", len(tags), url, exc)
                continue
            if not answer.ok:
                logger.warning("Purge at %s answered %s %s", url, answer.status, answer.reason)

    def requests(self, tags: frozenset[str]) -> Iterable[tuple[str, dict[str, Any]]]:
        raise NotImplementedError


class Varnish(HttpPurge):
    """Ban by tag in a varnishd running docs/varnish/masthead.vcl (``url``: its address)."""

    # A ban's regular expression stays well under Varnish's header limits: tags go in
    # batches of this many.
    BATCH = 100

    def __init__(self, *, url: str, **options: Any) -> None:
        super().__init__(**options)
        self.url = url.rstrip("/") + "/"

    def requests(self, tags: frozenset[str]) -> Iterable[tuple[str, dict[str, Any]]]:
        ordered = sorted(tags)
        for start in range(0, len(ordered), self.BATCH):
            batch = " ".join(ordered[start : start + self.BATCH])
            yield self.url, {"method": "BAN", "headers": {"X-Purge-Tags": batch}}


class Webhook(HttpPurge):
    """POST ``{"tags": [...]}`` to each of ``urls`` (a CDN's purge API behind a small relay)."""

    def __init__(self, *, urls: list[str], headers: dict[str, str] | None = None, **options: Any):
        super().__init__(**options)
        self.urls = list(urls)
        self.headers = {"Content-Type": "application/json", **(headers or {})}

    def requests(self, tags: frozenset[str]) -> Iterable[tuple[str, dict[str, Any]]]:
        body = json.dumps({"tags": sorted(tags)}).encode()
        for url in self.urls:
            yield url, {"method": "POST", "data": body, "headers": self.headers}


@cache
def _configured(config: str) -> list[PurgeBackend]:
    backends: list[PurgeBackend] = [LocalStore()]
    for entry in json.loads(config):
        backends.append(import_string(entry["BACKEND"])(**entry.get("OPTIONS", {})))
    return backends


def backends() -> list[PurgeBackend]:
    """The local store, then every backend of ``MASTHEAD_PURGE_BACKENDS``."""
    return _configured(json.dumps(settings.MASTHEAD_PURGE_BACKENDS, sort_keys=True))


def now(tags: Iterable[str]) -> None:
    """Purge ``tags`` everywhere now."""
    stale = frozenset(tags)
    if stale:
        for backend in backends():
            backend.purge(stale)
        # What every page shares (the newest stories, see articles/rail.py) is read again.
        generation.changed()


def after_commit(tags: Iterable[str]) -> None:
    """Purge ``tags`` once the current transaction commits; one purge per transaction.

    Every change in a transaction adds to one pending set, purged in one go (an article
    saved with its tags and byline is one BAN, not four). A rolled-back transaction
    drops its callback, and with it the pending set.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        now(tags)
        return
    pending: _Pending | None = getattr(connection, "_masthead_purge", None)
    if pending is None or not any(entry[1] is pending for entry in connection.run_on_commit):
        pending = connection._masthead_purge = _Pending()
        transaction.on_commit(pending)
    pending.tags.update(tags)


class _Pending:
    """The tags one transaction made stale; called after its commit."""

    def __init__(self) -> None:
        self.tags: set[str] = set()

    def __call__(self) -> None:
        now(self.tags)
