"""Write an export's records a batch at a time: one transaction per batch, not per post.

A commit costs a disk flush (SQLite) or a round trip and a WAL flush (PostgreSQL), so
the import commits every ``MAX_ITEMS`` items or ``MAX_SECONDS`` seconds, whichever
comes first (or once the revisions it keeps for the end pass ``MAX_HELD_CHARS``). Each
record is still written in its own savepoint (``import_post`` and the others are
atomic), so the promises of docs/import.md stay true:

- a first Ctrl-C (``stop()`` turns true) stops after the record being written, and
  everything before it is committed;
- a second Ctrl-C (``KeyboardInterrupt``) rolls back the record being written, commits
  the ones before it, and stops;
- a file that stops being well-formed XML (``WxrError`` from the parser) keeps every
  record before the fault.

The search entries and related lists of a batch's published posts are written at the
end of the batch, in its transaction (``core.batchjobs.batched_upkeep``): one ranking
pass and one index write for the batch, not one per post, and committed with the posts.

A process killed outright loses the batch it was writing (at most a few seconds of work);
the next run redoes it, as it redoes anything not recorded in the ledger.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from enum import Enum

from django.db import transaction

from masthead.core.batchjobs import batched_upkeep
from masthead.ingest.wordpress.mapper import WordPressImport
from masthead.ingest.wordpress.parser import WxrError
from masthead.ingest.wordpress.records import Record

MAX_ITEMS = 200
# Long enough for a batch's search entries and related lists to be written together even
# on a busy machine (a one-second batch held one or two posts there), short enough that
# a killed import loses little.
MAX_SECONDS = 5.0
# Characters of revisions a batch may hold for its end: keeps memory flat on huge posts.
MAX_HELD_CHARS = 8_000_000


class Outcome(Enum):
    MORE = "more"
    END = "end"
    STOPPED = "stopped"


def write(
    records: Iterable[Record], job: WordPressImport, *, stop: Callable[[], bool],
    after_each: Callable[[], None] = lambda: None,
) -> bool:  # fmt: skip
    """Import every record (True), or stop when asked (False); see the module docstring."""
    pending = iter(records)
    with batched_upkeep() as upkeep:
        while True:
            failure: BaseException | None = None
            with transaction.atomic():
                try:
                    outcome = _batch(pending, job, stop=stop, after_each=after_each)
                except (KeyboardInterrupt, WxrError) as exc:
                    # The record being written rolled back to its savepoint; keep the others.
                    failure, outcome = exc, Outcome.STOPPED
                job.flush()
                upkeep()
            if isinstance(failure, WxrError):
                raise failure
            if outcome is not Outcome.MORE:
                return outcome is Outcome.END


def _batch(
    pending: Iterator[Record], job: WordPressImport, *, stop: Callable[[], bool],
    after_each: Callable[[], None],
) -> Outcome:  # fmt: skip
    deadline = time.monotonic() + MAX_SECONDS
    for count, record in enumerate(pending, start=1):
        job.handle(record)
        after_each()
        if stop():
            return Outcome.STOPPED
        full = count >= MAX_ITEMS or job.held_chars() > MAX_HELD_CHARS
        if full or time.monotonic() > deadline:
            return Outcome.MORE
    return Outcome.END
