"""How feeds are fetched, scheduled and taken in: a class with documented knobs.

One poll of a feed makes up to ``1 + retries`` attempts when the trouble looks passing
(no connection, a timeout before any answer, a 5xx, 408 or 429), waiting ``retry_wait``
seconds, then twice that (or what ``Retry-After`` asks, up to ``max_retry_after``). An
answer over ``max_bytes``, or one still arriving after ``deadline`` seconds, is cut off
and counts as a failure without retrying: a feed that is huge or endless now will be so
in two seconds too.

After a failed poll the feed waits longer before the next one, doubling with each
failure in a row up to ``max_backoff`` (but never less than its own interval)::

    >>> policy = WirePolicy()
    >>> [str(policy.wait(interval=15, failures=n)) for n in range(0, 7)]
    ['0:15:00', '0:15:00', '0:30:00', '1:00:00', '2:00:00', '4:00:00', '6:00:00']

A story dated more than ``max_age`` ago is recorded but not taken in (a feed seen for
the first time often carries last month's stories). A new story is compared with the
stories of the last ``window``; one scoring at least ``threshold`` (the estimated
Jaccard similarity of their words times the agreement of the figures they cite, see
``similarity.py``) is grouped with it and not published again.

Subclass it to change a knob and pass the instance to ``poll.poll_feeds``.
"""

from __future__ import annotations

from datetime import timedelta


class WirePolicy:
    timeout: float = 10.0
    """Seconds to wait for a connection, and for each piece of the answer."""
    deadline: float = 30.0
    """Seconds for a whole answer; a body still arriving then is cut off."""
    max_bytes: int = 5 * 1024 * 1024
    """The largest feed read (after decompression); a larger one is a failure."""
    retries: int = 2
    """Extra attempts in one poll when the failure looks passing."""
    retry_wait: float = 2.0
    """Seconds before the first extra attempt; each later one waits twice as long."""
    max_retry_after: float = 60.0
    """The longest ``Retry-After`` honoured within a poll; a longer one ends the poll."""
    max_redirects: int = 5
    """Redirects followed before giving up."""
    workers: int = 4
    """Feeds fetched at the same time (their stories are written one at a time)."""
    max_backoff: timedelta = timedelta(hours=6)
    """The longest wait between polls of a failing feed (unless its interval is longer)."""
    max_age: timedelta = timedelta(days=3)
    """Stories dated earlier than this before the poll are recorded, not taken in."""
    window: timedelta = timedelta(days=3)
    """How far back a new story looks for the same news from other feeds."""
    threshold: float = 0.25
    """Score at or above which two stories are the same news (tuned on the test corpus)."""
    fetch_log: int = 50
    """Polls kept in each feed's log."""

    def wait(self, *, interval: int, failures: int) -> timedelta:
        """The wait before the next poll of a feed polled every ``interval`` minutes."""
        every = timedelta(minutes=interval)
        if failures <= 1:
            return every
        longer = every * 2 ** min(failures - 1, 20)
        return min(longer, max(self.max_backoff, every))

    def retry_delay(self, attempt: int, retry_after: float | None = None) -> float | None:
        """Seconds before extra attempt ``attempt`` (1 for the first), or None to stop."""
        if attempt > self.retries:
            return None
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_after else None
        return self.retry_wait * 2 ** (attempt - 1)

    @property
    def lease(self) -> timedelta:
        """How long a claimed feed is reserved for the process polling it.

        Longer than a poll can take, so no other run polls it meanwhile; if the poller
        dies, the feed is due again once the lease runs out.
        """
        worst = (self.deadline + self.timeout) * (1 + self.retries)
        return timedelta(seconds=worst + self.retries * self.max_retry_after + 60)
