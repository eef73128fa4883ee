"""Turn what the readers found in each item into ``WireEntry`` records, or problems.

A reader fills a ``Draft`` per item or entry; ``settle`` decides the rest the same way
for every format: the key, a title made from the text when the feed gave none, and
which entries are too empty to keep. ``read_each`` runs a reader over the items so that
an entry the reader chokes on (a bug, whatever its cause) is set aside with the reason
and its guid, and the feed's other entries are still read.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from masthead.core.text import plain_text
from masthead.ingest.wire.markup import first_words
from masthead.ingest.wire.nodes import RDF, Node, localname
from masthead.ingest.wire.records import WireEntry, why

logger = logging.getLogger(__name__)

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
    failure: str = ""  # why the reader failed on this item; then only id and title are set


def read_each(items: Iterable[Node], read: Callable[[Node, int], Draft]) -> list[Draft]:
    """Read each item with ``read(item, position)``; one that raises becomes a failed draft."""
    drafts = []
    for position, item in enumerate(items, start=1):
        try:
            drafts.append(read(item, position))
        except Exception as error:  # one entry's trouble must not lose the feed's others
            logger.warning("Wire entry %s could not be read", position, exc_info=True)
            drafts.append(unreadable(item, position, error))
    return drafts


def unreadable(item: Node, position: int, error: BaseException) -> Draft:
    """A draft for an item the reader failed on: its guid and title as written, and why."""
    texts: dict[str, str] = {}
    for node in item:
        if isinstance(node.tag, str):
            texts.setdefault(localname(node), " ".join("".join(node.itertext()).split()))
    # Keyed as when it is read (guid, id, rdf:about), else by its bytes: the same entry
    # gets the same key at the next poll, so it is recognised and not tried again.
    key = texts.get("guid") or texts.get("id") or (item.get(f"{{{RDF}}}about") or "").strip()
    return Draft(
        position=position,
        id=key or _sha256(etree.tostring(item).decode("utf-8", "replace")),
        title=texts.get("title", "")[:300],
        failure=f"could not be read ({why(error)})",
    )


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
    if draft.failure:
        return _entry(draft, draft.title), draft.failure
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
        failure=draft.failure,
    )


def _key(draft: Draft, title: str) -> str:
    """Key by the guid or id, else the link, else a hash of the title and date as written."""
    key = draft.id.strip() or draft.link or _sha256(f"{title}\n{draft.date_text}")
    # Past the limit a key is kept as its hash, which is as unique and always fits.
    return key if len(key) <= KEY_LIMIT else _sha256(key)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
