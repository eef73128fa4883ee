"""Poll wire feeds: claim the due ones, fetch them side by side, take their stories in.

``poll_feeds(feeds)`` fetches up to ``WirePolicy.workers`` feeds at once (the network
waits overlap) and writes what each brought, one feed at a time, in the calling thread.
Whatever goes wrong with one feed (the network, the server, the XML, even a bug in
fetching, reading or taking a story in, or in writing the poll down) is written on that
feed and its log, and the others go on; a story that cannot be read or taken in is
left out alone (see ``mapper``), and the feed shows it as its problem.

Two pollers never poll the same feed at once: ``claim`` reserves a feed with one
conditional UPDATE of its next poll time, for the length of ``WirePolicy.lease``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Q, QuerySet

from masthead.core import clock
from masthead.ingest.models import WireFeed, WireFetch
from masthead.ingest.wire.fetch import Fetched, fetch
from masthead.ingest.wire.mapper import PollTally, take_in
from masthead.ingest.wire.parser import parse_feed
from masthead.ingest.wire.policy import WirePolicy
from masthead.ingest.wire.records import FeedError, why

logger = logging.getLogger(__name__)


@dataclass
class Report:
    """One feed's poll, for people (``text``) and machines (``as_dict``)."""

    feed: str
    outcome: str
    status: int | None = None
    error: str = ""
    attempts: int = 1
    bytes: int = 0
    seconds: float = 0.0
    next_check_at: datetime | None = None
    tally: PollTally = field(default_factory=PollTally)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["next_check_at"] = self.next_check_at.isoformat() if self.next_check_at else None
        return data


def due(now: datetime | None = None) -> QuerySet[WireFeed]:
    """Active feeds whose next poll time has come (or that were never polled)."""
    now = now or clock.now()
    return WireFeed.objects.filter(active=True).filter(
        Q(next_check_at__isnull=True) | Q(next_check_at__lte=now)
    )


def claim(feeds: Iterable[WireFeed], *, policy: WirePolicy) -> list[WireFeed]:
    """The feeds this process now holds, each reserved for ``policy.lease``."""
    now = clock.now()
    held = []
    for feed in feeds:
        reserved = WireFeed.objects.filter(pk=feed.pk, next_check_at=feed.next_check_at)
        if reserved.update(next_check_at=now + policy.lease) == 1:
            held.append(feed)
    return held


def release(feeds: Iterable[WireFeed]) -> None:
    """Hand back feeds claimed but not polled (an interrupted run): due at once."""
    WireFeed.objects.filter(pk__in=[f.pk for f in feeds]).update(next_check_at=clock.now())


def poll_feeds(
    feeds: list[WireFeed], *, policy: WirePolicy | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> Iterator[Report]:  # fmt: skip
    """Poll ``feeds`` (already claimed) and yield a report as each one is done.

    When ``stop()`` turns true, the feeds not written yet are released, not polled.
    """
    policy = policy or WirePolicy()
    agent = f"Masthead/1 (+{settings.SITE_URL}/)"
    pending = {feed.pk: feed for feed in feeds}
    with ThreadPoolExecutor(max_workers=max(1, policy.workers)) as pool:
        futures: dict[Future[tuple[Fetched, float]], WireFeed] = {
            pool.submit(_timed_fetch, feed, policy, agent): feed for feed in feeds
        }
        try:
            for future in as_completed(futures):
                if stop():
                    break
                feed = futures[future]
                yield _record_safely(feed, future, policy)
                del pending[feed.pk]
        finally:
            for future in futures:
                future.cancel()
            release(pending.values())


def _record_safely(feed: WireFeed, future: Future[tuple[Fetched, float]],
                   policy: WirePolicy) -> Report:  # fmt: skip
    """Record a feed's poll; a bug in fetching or recording fails this feed, not the run."""
    try:
        fetched, seconds = future.result()
    except Exception as error:
        logger.exception("Fetching wire feed %s failed", feed.pk)
        fetched, seconds = Fetched(error=f"the feed could not be fetched ({why(error)})"), 0.0
    try:
        return record(feed, fetched, seconds=seconds, policy=policy)
    except Exception as error:
        logger.exception("Recording the poll of wire feed %s failed", feed.pk)
        return _mark_failed(feed, f"the poll could not be recorded ({why(error)})", policy)


def _mark_failed(feed: WireFeed, error: str, policy: WirePolicy) -> Report:
    """Write a failure on the feed alone, when its poll could not be written in full."""
    now = clock.now()
    report = Report(feed=feed.name, outcome=WireFetch.Outcome.FAILED, error=error)
    try:
        rows = WireFeed.objects.filter(pk=feed.pk)
        failures = (rows.values_list("failures", flat=True).first() or 0) + 1
        report.next_check_at = now + policy.wait(interval=feed.interval, failures=failures)
        rows.update(checked_at=now, failures=failures, last_error=error,
                    next_check_at=report.next_check_at)  # fmt: skip
    except Exception:  # the database itself is failing: the claim's lease runs out
        logger.exception("Marking wire feed %s as failing failed too", feed.pk)
    return report


def _timed_fetch(feed: WireFeed, policy: WirePolicy, agent: str) -> tuple[Fetched, float]:
    started = time.monotonic()
    fetched = fetch(
        feed.url, etag=feed.etag, last_modified=feed.last_modified, policy=policy,
        user_agent=agent,
    )  # fmt: skip
    return fetched, time.monotonic() - started


def record(feed: WireFeed, fetched: Fetched, *, seconds: float, policy: WirePolicy) -> Report:
    """Take in what a fetch brought and write how it went on the feed and its log."""
    now = clock.now()
    report = Report(feed=feed.name, outcome=WireFetch.Outcome.READ, status=fetched.status,
                    attempts=fetched.attempts, bytes=len(fetched.body),
                    seconds=round(seconds, 3))  # fmt: skip
    if fetched.error:
        report.outcome, report.error = WireFetch.Outcome.FAILED, fetched.error
    elif fetched.not_modified:
        report.outcome = WireFetch.Outcome.NOT_MODIFIED
    else:
        report.error = _take(feed, fetched, report, now=now, policy=policy)
        if report.error:
            report.outcome = WireFetch.Outcome.FAILED
    _note(feed, fetched, report, now=now, policy=policy)
    return report


def _take(feed: WireFeed, fetched: Fetched, report: Report, *, now: datetime,
          policy: WirePolicy) -> str:  # fmt: skip
    """Parse and take the stories in; the error for the back office, or "".

    The error names the stories that could not be read or taken in, if any, even
    though the others were.
    """
    try:
        document = parse_feed(fetched.body, url=feed.url)
    except FeedError as exc:
        return str(exc)
    except Exception as exc:  # a bug in reading this feed must not stop the others
        logger.exception("Reading wire feed %s failed", feed.pk)
        return f"the feed could not be read ({why(exc)})"
    try:
        report.tally = take_in(document, feed=feed, now=now, policy=policy)
    except Exception as exc:  # one feed's trouble must not stop the others
        logger.exception("Taking in the stories of wire feed %s failed", feed.pk)
        return f"the stories could not be taken in ({type(exc).__name__}: {exc})"
    # Stories left out by a bug make the poll a failure, so the feed shows them.
    return "; ".join(report.tally.failures)[:2000]


def _note(feed: WireFeed, fetched: Fetched, report: Report, *, now: datetime,
          policy: WirePolicy) -> None:  # fmt: skip
    """Write the poll on the feed (state, validators, next poll) and in its log."""
    failed = report.outcome == WireFetch.Outcome.FAILED
    feed.checked_at = now
    feed.failures = feed.failures + 1 if failed else 0
    feed.last_status = fetched.status
    feed.last_error = report.error
    if not failed:
        feed.succeeded_at = now
        feed.etag = fetched.etag or (feed.etag if fetched.not_modified else "")
        feed.last_modified = fetched.last_modified or (
            feed.last_modified if fetched.not_modified else ""
        )
        feed.moved_to = fetched.moved_to if len(fetched.moved_to) <= 500 else ""
    feed.next_check_at = now + policy.wait(interval=feed.interval, failures=feed.failures)
    report.next_check_at = feed.next_check_at
    feed.save(update_fields=["checked_at", "failures", "last_status", "last_error",
                             "succeeded_at", "etag", "last_modified", "moved_to",
                             "next_check_at"])  # fmt: skip
    tally = report.tally
    WireFetch.objects.create(
        feed=feed, at=now, outcome=report.outcome, status=fetched.status, error=report.error,
        attempts=fetched.attempts, bytes=report.bytes, milliseconds=int(report.seconds * 1000),
        entries=tally.entries, created=tally.created, updated=tally.updated,
        grouped=tally.grouped, skipped=tally.skipped, notes="\n".join(tally.problems)[:5000],
    )  # fmt: skip
    old = feed.fetches.values_list("pk", flat=True)[policy.fetch_log :]
    WireFetch.objects.filter(pk__in=list(old)).delete()
