"""Build small RSS and Atom documents for the wire tests: ``rss([Item(...)])`` → bytes.

An ``Item`` says what a story holds; ``rss``, ``rdf`` and ``atom`` write it the way
each format does. Text is escaped for you (an HTML description arrives as HTML); an
empty field is left out of the XML. ``extra`` (raw XML, per item or per channel) and
``extra_ns`` add whatever a test needs beyond that::

    rss([story(1), Item(title="No link")], title="Harbour Wire")
    atom([story(1)], base="https://wire.example/news/")
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

NAMESPACES = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "media": "http://search.yahoo.com/mrss/",
    "atom": "http://www.w3.org/2005/Atom",
}
WIRE = "https://wire.example/"
DAY = datetime(2024, 3, 5, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Item:
    """One story for a test feed; every field is optional."""

    title: str = ""
    link: str = ""
    guid: str = ""
    description: str = ""  # HTML: RSS <description>, Atom <summary type="html">
    content: str = ""  # HTML: RSS <content:encoded>, Atom <content type="html">
    pub_date: datetime | str | None = None  # a str is written as it is
    author: str = ""  # a name (dc:creator / atom:name), or "email (Name)" for RSS <author>
    categories: tuple[str, ...] = ()
    image: str = ""  # an image URL: RSS <enclosure>, Atom <link rel="enclosure">
    extra: str = ""  # raw XML put inside the item or entry


def story(number: int, **fields: object) -> Item:
    """A complete story numbered ``number``, an hour older than the one before it."""
    defaults: dict[str, object] = {
        "title": f"Story number {number}",
        "link": f"{WIRE}stories/{number}",
        "guid": f"tag:wire.example,2024:{number}",
        "description": f"<p>What happened in story {number}.</p>",
        "content": f"<p>What happened in story {number}.</p><p>And then more.</p>",
        "pub_date": DAY - timedelta(hours=number),
        "author": "Jane Doe",
        "categories": ("World",),
    }
    return Item(**{**defaults, **fields})  # type: ignore[arg-type]


def rss(
    items: Sequence[Item] = (),
    *,
    title: str = "Harbour Wire",
    link: str = WIRE,
    language: str = "en",
    extra: str = "",
    extra_ns: Mapping[str, str] | None = None,
    base: str = "",
    encoding: str = "utf-8",
) -> bytes:
    """An RSS 2.0 document holding ``items``, declaring the usual extension namespaces."""
    channel = _fields(("title", title), ("link", link), ("language", language))
    body = "".join(_rss_item(item) for item in items)
    root = f'<rss version="2.0"{_namespaces(extra_ns)}{_base(base)}>'
    return _document(f"{root}<channel>{channel}{extra}{body}</channel></rss>", encoding)


def rdf(items: Sequence[Item] = (), *, title: str = "Harbour Wire", link: str = WIRE) -> bytes:
    """An RSS 1.0 document: the items follow the channel, each named by rdf:about."""
    rdf_ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    channel = f'<channel rdf:about="{WIRE}">{_fields(("title", title), ("link", link))}</channel>'
    body = "".join(_rdf_item(item) for item in items)
    root = f'<rdf:RDF xmlns:rdf="{rdf_ns}" xmlns="http://purl.org/rss/1.0/"{_namespaces(None)}>'
    return _document(f"{root}{channel}{body}</rdf:RDF>", "utf-8")


def atom(
    entries: Sequence[Item] = (),
    *,
    title: str = "Harbour Wire",
    link: str = WIRE,
    language: str = "en",
    extra: str = "",
    base: str = "",
    encoding: str = "utf-8",
) -> bytes:
    """An Atom 1.0 document holding ``entries``; ids and dates are filled in when missing."""
    head = _fields(("title", title), ("id", f"{WIRE}feed"), ("updated", _iso(DAY)))
    head += f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>' if link else ""
    body = "".join(_atom_entry(entry, n) for n, entry in enumerate(entries, start=1))
    lang = f" xml:lang={quoteattr(language)}" if language else ""
    root = f'<feed xmlns="{NAMESPACES["atom"]}"{lang}{_base(base)}{_namespaces({}, skip="atom")}>'
    return _document(f"{root}{head}{extra}{body}</feed>", encoding)


def _rss_item(item: Item) -> str:
    byline = ("author", item.author) if "@" in item.author else ("dc:creator", item.author)
    guid = f'<guid isPermaLink="false">{escape(item.guid)}</guid>' if item.guid else ""
    return (
        "<item>"
        + _fields(("title", item.title), ("link", item.link), ("description", item.description))
        + guid
        + _fields(("content:encoded", item.content), ("pubDate", _rfc822(item.pub_date)), byline)
        + "".join(_fields(("category", name)) for name in item.categories)
        + (_enclosure(item.image) if item.image else "")
        + item.extra
        + "</item>"
    )


def _rdf_item(item: Item) -> str:
    about = f" rdf:about={quoteattr(item.link or item.guid)}" if item.link or item.guid else ""
    date = _iso(item.pub_date) if isinstance(item.pub_date, datetime) else item.pub_date or ""
    fields = _fields(
        ("title", item.title), ("link", item.link), ("description", item.description),
        ("content:encoded", item.content), ("dc:date", date), ("dc:creator", item.author),
    )  # fmt: skip
    subjects = "".join(_fields(("dc:subject", name)) for name in item.categories)
    return f"<item{about}>{fields}{subjects}{item.extra}</item>"


def _atom_entry(item: Item, number: int) -> str:
    when = _iso(item.pub_date) if isinstance(item.pub_date, datetime) else item.pub_date or ""
    author = f"<author><name>{escape(item.author)}</name></author>" if item.author else ""
    link = f'<link rel="alternate" href={quoteattr(item.link)}/>' if item.link else ""
    image = item.image and (
        f'<link rel="enclosure" type="{_image_type(item.image)}" href={quoteattr(item.image)}/>'
    )
    return (
        "<entry>"
        + _fields(("id", item.guid or item.link or f"urn:test:entry:{number}"))
        + _typed("title", item.title, "html")
        + link
        + _fields(("published", when), ("updated", when))
        + _typed("summary", item.description, "html")
        + _typed("content", item.content, "html")
        + author
        + "".join(f"<category term={quoteattr(name)}/>" for name in item.categories)
        + image
        + item.extra
        + "</entry>"
    )


def _fields(*pairs: tuple[str, str]) -> str:
    return "".join(f"<{name}>{escape(text)}</{name}>" for name, text in pairs if text)


def _typed(name: str, text: str, kind: str) -> str:
    return f'<{name} type="{kind}">{escape(text)}</{name}>' if text else ""


def _enclosure(url: str) -> str:
    return f'<enclosure url={quoteattr(url)} type="{_image_type(url)}" length="0"/>'


def _image_type(url: str) -> str:
    return mimetypes.guess_type(url)[0] or "image/jpeg"


def _namespaces(extra: Mapping[str, str] | None, skip: str = "") -> str:
    declared = {**NAMESPACES, **(extra or {})}
    return "".join(f' xmlns:{p}="{uri}"' for p, uri in declared.items() if p != skip)


def _base(base: str) -> str:
    return f" xml:base={quoteattr(base)}" if base else ""


def _rfc822(when: datetime | str | None) -> str:
    return format_datetime(when) if isinstance(when, datetime) else when or ""


def _iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


def _document(xml: str, encoding: str) -> bytes:
    return f'<?xml version="1.0" encoding="{encoding}"?>\n{xml}'.encode(encoding)
