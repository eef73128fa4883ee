"""Failures of what the site stands on, told apart from bugs so readers hear what happened.

A database that cannot be reached (restarting, overloaded, a dropped connection) is a
503 with ``Retry-After``: the request may work in a few seconds, and load balancers and
crawlers know to come back. A full disk is a 507: nothing was stored, and trying again
will not help until someone makes room. Anything else stays a 500.

    >>> import errno
    >>> outage_of(OSError(errno.ENOSPC, "No space left on device")).status
    507
    >>> outage_of(ValueError("a bug")) is None
    True
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

from django.db import InterfaceError, OperationalError

# Seconds a client is asked to wait after the database failed: a restart takes a few.
DATABASE_RETRY_AFTER = 10
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


@dataclass(frozen=True)
class Outage:
    """How to answer a request that failed on a missing resource."""

    status: int
    title: str
    detail: str
    retry_after: int | None = None


DATABASE_DOWN = Outage(
    503,
    "The site is briefly unavailable",
    "The database did not answer. Please try again in a few seconds.",
    retry_after=DATABASE_RETRY_AFTER,
)
STORAGE_FULL = Outage(
    507,
    "There is no room left to store files",
    "The server's disk is full, so nothing was saved. The site's administrators must make "
    "room before files can be uploaded again.",
)


def outage_of(exc: BaseException | None) -> Outage | None:
    """The outage ``exc`` (or an error it was raised from) reports, if any."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OperationalError | InterfaceError):
            return DATABASE_DOWN
        if is_disk_full(exc):
            return STORAGE_FULL
        exc, seen = exc.__cause__, seen + 1
    return None


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` says a disk (or a quota) has no room left."""
    return isinstance(exc, OSError) and exc.errno in DISK_FULL
