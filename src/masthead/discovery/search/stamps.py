"""Stamps: an article's publication second and id in one number that sorts like the time.

A stamp is the publication time in whole seconds since 1970, shifted left by 31 bits,
with the low 31 bits of the article id below. Stamps sort like publication times (ties
by id), every second has a first and a last possible stamp, and two articles share one
only if they were published in the same second with ids 2,147,483,648 apart. The
seconds are clamped to ±2³² so a stamp fits SQLite's 64-bit rowid: 1834 to 2106.

SQLite's FTS5 table knows each row by its stamp (its rowid), so "visible now", date
ranges and "newest first" are rowid ranges and rowid order inside the full-text index.
"""

from __future__ import annotations

import math
from datetime import datetime

ID_BITS = 31
_ID_MASK = (1 << ID_BITS) - 1
_SECONDS_LIMIT = 1 << 32


def _seconds(moment: datetime) -> int:
    seconds = math.floor(moment.timestamp())
    return max(-_SECONDS_LIMIT, min(seconds, _SECONDS_LIMIT - 1))


def stamp(published_at: datetime, article_id: int) -> int:
    """The sortable number for an article published at ``published_at`` (see above)."""
    return (_seconds(published_at) << ID_BITS) | (article_id & _ID_MASK)


def first_stamp(moment: datetime) -> int:
    """The smallest stamp of an article published in ``moment``'s second."""
    return _seconds(moment) << ID_BITS


def last_stamp(moment: datetime) -> int:
    """The largest stamp of an article published in ``moment``'s second."""
    return (_seconds(moment) << ID_BITS) | _ID_MASK
