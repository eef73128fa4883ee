"""What the feed parser hands on: plain dataclasses, no database, no network."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class FeedError(ValueError):
    """The document is not a feed we can read (ill-formed XML, not RSS or Atom).

    The message says what was wrong and where (``line 3, column 7``), for the back office.
    """


def why(error: BaseException) -> str:
    """Say what an unexpected error was, briefly, for a feed's or a story's record."""
    said = " ".join(str(error).split())
    return f"{type(error).__name__}: {said[:200]}" if said else type(error).__name__


@dataclass(frozen=True)
class WireEntry:
    """One story in a feed, as the publisher wrote it.

    ``title`` is plain text (entities decoded, tags stripped, whitespace collapsed), and
    may be empty for an entry that carries nothing but a link;
    ``summary`` and ``content`` are HTML, not yet sanitized (the mapper does that);
    ``link`` and ``image_url`` are absolute. Dates are timezone-aware (UTC), or None
    when the feed gave none we could read.
    """

    key: str  # the guid / atom:id, else the link, else a hash of title and date
    title: str
    link: str = ""
    summary: str = ""
    content: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    image_url: str = ""
    position: int = 0  # 1-based place in the document, for problem reports
    # Why the entry could not be read (a bug, never the feed's fault), or "": such an
    # entry carries only its key and title, and is recorded as skipped, not taken in.
    failure: str = ""


@dataclass(frozen=True)
class WireDocument:
    """A whole feed: its own few fields, its entries in document order, and what was dropped."""

    format: str  # "rss", "atom" or "rdf" (RSS 1.0)
    title: str = ""
    link: str = ""
    language: str = ""
    entries: tuple[WireEntry, ...] = ()
    # Entries left out or patched, and why: "entry 3: no title, link or text".
    problems: tuple[str, ...] = ()
