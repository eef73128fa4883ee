"""Turn what the readers found in each item into ``WireEntry`` records, or problems.

A reader fills a ``Draft`` per item or entry; ``settle`` decides the rest the same way
for every format: the key, a title made from the text when the feed gave none, and
which entries are too empty to keep.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from masthead.ingest.wire.markup import first_words, plain_text
from masthead.ingest.wire.records import WireEntry

KEY_LIMIT = 500


@dataclass(frozen=True)
class Draft:
    """One item or entry as a reader found it, before keys, titles and problems are settled."""

    position: int
    id: str = ""  # guid, atom:id or rdf:about
    title: str = ""
    link: str = ""
    summary: str = ""
    content: str = ""
    date_text: str = ""  # the date as written, for the key when there is nothing better
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    image_url: str = ""


def settle(drafts: Iterable[Draft]) -> tuple[tuple[WireEntry, ...], tuple[str, ...]]:
    """Make the entries worth keeping, and say what was dropped or patched and why."""
    entries: list[WireEntry] = []
    problems: list[str] = []
    for draft in drafts:
        entry, problem = _settle_one(draft)
        if entry is not None:
            entries.append(entry)
        if problem:
            problems.append(f"entry {draft.position}: {problem}")
    return tuple(entries), tuple(problems)


def _settle_one(draft: Draft) -> tuple[WireEntry | None, str]:
    has_text = bool(draft.summary.strip() or draft.content.strip())
    if not (draft.title or draft.link or has_text):
        return None, "no title, link or text"
    title, problem = draft.title, ""
    if not title:
        title = first_words(plain_text(draft.summary) or plain_text(draft.content))
        problem = (
            "no title; made one from the text"
            if title
            else "no title, and no words to make one from"
        )
    return _entry(draft, title), problem


def _entry(draft: Draft, title: str) -> WireEntry:
    return WireEntry(
        key=_key(draft, title),
        title=title,
        link=draft.link,
        summary=draft.summary,
        content=draft.content,
        published=draft.published,
        updated=draft.updated,
        authors=draft.authors,
        categories=draft.categories,
        image_url=draft.image_url,
        position=draft.position,
    )


def _key(draft: Draft, title: str) -> str:
    """Key by the guid or id, else the link, else a hash of the title and date as written."""
    key = draft.id.strip() or draft.link or _sha256(f"{title}\n{draft.date_text}")
    # Past the limit a key is kept as its hash, which is as unique and always fits.
    return key if len(key) <= KEY_LIMIT else _sha256(key)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
