"""Read a WordPress eXtended RSS (WXR 1.0 to 1.2) export into records, streaming.

``parse(stream)`` yields a ``Channel`` first, then ``WpAuthor``, ``WpTerm`` and ``WpItem``
records in file order, and a ``Skipped`` record for anything it cannot read. Each
element is freed once read and the file is fed to the XML parser in 64 KB chunks, so
memory stays flat however large the file is. Problems that make the rest of the file
unreadable (not XML, not a WordPress export, a WXR version we do not know) raise
``WxrError`` with the line; every record before that point has been yielded.

No database, no Django: the parser is tested on bytes alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from lxml import etree

from masthead.ingest.wordpress.records import (
    Channel,
    Position,
    Record,
    Skipped,
    WpAuthor,
    WpComment,
    WpItem,
    WpTerm,
)

VERSIONS = ("1.0", "1.1", "1.2")
_WP_NS = re.compile(r"^https?://wordpress\.org/export/(?P<version>[0-9.]+)/$")
_EXCERPT_NS = re.compile(r"^https?://wordpress\.org/export/[0-9.]+/excerpt/$")
_OTHER_NS = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
_HEADER = {"title", "link", "wp:wxr_version", "wp:base_site_url", "wp:base_blog_url"}
_RECORDS = {"item", "wp:author", "wp:category", "wp:tag", "wp:term"}


class WxrError(Exception):
    """The file cannot be read as a WordPress export; ``line`` says where it went wrong."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


CHUNK = 64 * 1024
# An item's text in all (title, body, excerpt, comments): 8 million characters, some 800
# times a long feature, so only a broken or hostile export meets it.
MAX_ITEM_CHARS = 8_000_000


def parse(
    stream: IO[bytes], *, chunk: int = CHUNK, max_item: int = MAX_ITEM_CHARS
) -> Iterator[Record]:
    """Yield the records of the WXR export read from ``stream``, ``chunk`` bytes at a time."""
    reader = _Reader(max_item)
    for event, payload in _events(stream, chunk):
        if event == "start-ns":
            reader.namespace(payload[1])
        else:
            yield from reader.element(payload)
    yield from reader.finish()


def _events(stream: IO[bytes], chunk: int) -> Iterator[tuple[str, Any]]:
    """The parser's events, every one finished before a syntax error raises ``WxrError``.

    A pull parser is fed a bounded chunk at a time and its events are handed on between
    feeds, and again when a feed fails: how far libxml2 reads ahead (which changed in
    lxml 6 / libxml2 2.14) can then no longer hide the items before a malformed point.
    """
    parser = etree.XMLPullParser(
        events=("start-ns", "end"), huge_tree=True, resolve_entities=False,
        no_network=True, remove_comments=True,
    )  # fmt: skip
    try:
        while data := stream.read(chunk):
            parser.feed(data)
            yield from parser.read_events()
        parser.close()
    except etree.XMLSyntaxError as exc:
        yield from parser.read_events()
        raise WxrError(f"the file is not well-formed XML: {exc.msg}", exc.lineno) from None
    yield from parser.read_events()


class _Reader:
    """The parser's state: namespaces seen, the header, how many items so far."""

    def __init__(self, max_item: int = MAX_ITEM_CHARS) -> None:
        self.max_item = max_item
        self.short: dict[str, str] = dict(_OTHER_NS)
        self.ns_version = ""
        self.header: dict[str, str] = {}
        self.channel: Channel | None = None
        self.checked = False
        self.count = 0

    def namespace(self, uri: str) -> None:
        """Learn what a namespace URI means (the wp one carries the WXR version)."""
        if match := _WP_NS.match(uri):
            self.short[uri] = "wp"
            self.ns_version = match["version"]
        elif _EXCERPT_NS.match(uri):
            self.short[uri] = "excerpt"

    def name(self, element: Any) -> str:
        """``prefix:local`` in our own fixed prefixes, whatever the file calls them."""
        qname = etree.QName(element)
        prefix = self.short.get(qname.namespace or "", "?") if qname.namespace else ""
        return f"{prefix}:{qname.localname}" if prefix else qname.localname

    def element(self, element: Any) -> Iterator[Record]:
        """Handle one finished element; only the channel's children produce records."""
        if not self.checked:
            self._check_root(element)
        parent = element.getparent()
        if parent is None or self.name(parent) != "channel":
            return
        name = self.name(element)
        if name in _HEADER:
            self.header[name] = (element.text or "").strip()
        elif name in _RECORDS:
            if self.channel is None:
                yield self._channel(element.sourceline)
            record = self._record(name, element)
            if record is not None:
                yield record
        # Free what was read: the element and every earlier sibling.
        element.clear(keep_tail=False)
        while element.getprevious() is not None:
            del parent[0]

    def finish(self) -> Iterator[Record]:
        """Yield the header if the file had nothing else."""
        if self.channel is None and self.checked:
            yield self._channel(None)

    def _check_root(self, element: Any) -> None:
        root = element.getroottree().getroot()
        if etree.QName(root).localname != "rss":
            raise WxrError("not an RSS file: the root element is not <rss>", root.sourceline)
        if "wp" not in self.short.values():
            raise WxrError(
                "not a WordPress export: no http://wordpress.org/export/1.x/ namespace",
                root.sourceline,
            )
        if self.ns_version not in VERSIONS:
            raise WxrError(f"unknown WXR version {self.ns_version}", root.sourceline)
        self.checked = True

    def _channel(self, line: int | None) -> Channel:
        version = self.header.get("wp:wxr_version") or self.ns_version
        if version not in VERSIONS:
            raise WxrError(f"unknown WXR version {version}", line)
        self.channel = Channel(
            title=self.header.get("title", ""),
            link=self.header.get("link", ""),
            base_site_url=self.header.get("wp:base_site_url", ""),
            base_blog_url=self.header.get("wp:base_blog_url", "") or self.header.get("link", ""),
            version=version,
        )
        return self.channel

    def _record(self, name: str, element: Any) -> Record | None:
        if name == "item":
            self.count += 1
            position = Position(self.count, element.sourceline)
            if (size := _text_size(element, self.max_item)) > self.max_item:
                title = element.findtext("title") or "(untitled)"
                why = f"{size:,}+ characters, more than the {self.max_item:,} an item may hold"
                return Skipped("item", title.strip()[:200], why, position)
            return read_item(self, element, position)
        position = Position(0, element.sourceline)
        if name == "wp:author":
            return read_author(self, element, position)
        if name in ("wp:category", "wp:tag", "wp:term"):
            return read_term(self, name, element, position)
        return None


def _text_size(element: Any, limit: int) -> int:
    """How many characters of text ``element`` holds, counting no further than past ``limit``."""
    size = 0
    for text in element.itertext():
        size += len(text)
        if size > limit:
            break
    return size


def _fields(reader: _Reader, element: Any) -> dict[str, str]:
    """The text of each child of ``element``, by our prefixed name (first one wins)."""
    found: dict[str, str] = {}
    for child in element:
        found.setdefault(reader.name(child), child.text or "")
    return found


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def read_author(reader: _Reader, element: Any, position: Position) -> WpAuthor | Skipped:
    """A ``<wp:author>`` as a record."""
    f = _fields(reader, element)
    login = f.get("wp:author_login", "").strip()
    if not login:
        return Skipped("author", f.get("wp:author_display_name", "?"), "no login", position)
    return WpAuthor(
        login=login,
        display_name=f.get("wp:author_display_name", "").strip() or login,
        email=f.get("wp:author_email", "").strip(),
        first_name=f.get("wp:author_first_name", "").strip(),
        last_name=f.get("wp:author_last_name", "").strip(),
        wp_id=_int(f.get("wp:author_id", "")),
        position=position,
    )


def read_term(reader: _Reader, name: str, element: Any, position: Position) -> Record | None:
    """A category, tag or (WXR 1.2) generic term; other taxonomies are left out."""
    f = _fields(reader, element)
    if name == "wp:category":
        taxonomy, slug, label = "category", "wp:category_nicename", "wp:cat_name"
        parent = f.get("wp:category_parent", "")
    elif name == "wp:tag":
        taxonomy, slug, label, parent = "post_tag", "wp:tag_slug", "wp:tag_name", ""
    else:
        taxonomy = f.get("wp:term_taxonomy", "").strip()
        if taxonomy not in ("category", "post_tag"):
            return None
        slug, label, parent = "wp:term_slug", "wp:term_name", f.get("wp:term_parent", "")
    term_slug = f.get(slug, "").strip()
    if not term_slug:
        return Skipped(taxonomy, f.get(label, "?"), "no slug", position)
    return WpTerm(
        taxonomy=taxonomy,
        slug=term_slug,
        name=f.get(label, "").strip() or term_slug,
        parent_slug=parent.strip(),
        description=f.get("wp:category_description", f.get("wp:term_description", "")).strip(),
        wp_id=_int(f.get("wp:term_id", "")),
        position=position,
    )


def read_item(reader: _Reader, element: Any, position: Position) -> WpItem | Skipped:
    """An ``<item>`` with its terms, post meta and comments."""
    f = _fields(reader, element)
    wp_id = _int(f.get("wp:post_id", ""))
    title = f.get("title", "")
    if wp_id is None:
        return Skipped("item", title or "(untitled)", "no numeric <wp:post_id>", position)
    terms: list[tuple[str, str, str]] = []
    meta: dict[str, str] = {}
    comments: list[WpComment | None] = []
    for child in element:
        name = reader.name(child)
        if name == "category":
            domain = child.get("domain", "category")
            terms.append(
                (domain, (child.get("nicename") or "").strip(), (child.text or "").strip())
            )
        elif name == "wp:postmeta":
            kv = _fields(reader, child)
            meta.setdefault(kv.get("wp:meta_key", ""), kv.get("wp:meta_value", ""))
        elif name == "wp:comment":
            comments.append(read_comment(reader, child))
    return WpItem(
        wp_id=wp_id, guid=f.get("guid", "").strip(), title=title.strip(),
        link=f.get("link", "").strip(), creator=f.get("dc:creator", "").strip(),
        content=f.get("content:encoded", ""), excerpt=f.get("excerpt:encoded", ""),
        post_type=f.get("wp:post_type", "post").strip() or "post",
        status=f.get("wp:status", "").strip(), slug=f.get("wp:post_name", "").strip(),
        date=f.get("wp:post_date", "").strip(), date_gmt=f.get("wp:post_date_gmt", "").strip(),
        pub_date=f.get("pubDate", "").strip(), parent_id=_int(f.get("wp:post_parent", "")) or 0,
        comment_status=f.get("wp:comment_status", "open").strip(),
        attachment_url=f.get("wp:attachment_url", "").strip(),
        password=f.get("wp:post_password", ""),
        terms=tuple(terms), meta=meta,
        comments=tuple(c for c in comments if c is not None), position=position,
        notes=tuple("a comment without a numeric id was left out" for c in comments if c is None),
    )  # fmt: skip


def read_comment(reader: _Reader, element: Any) -> WpComment | None:
    """A ``<wp:comment>``; None when it has no usable id."""
    f = _fields(reader, element)
    wp_id = _int(f.get("wp:comment_id", ""))
    if wp_id is None:
        return None
    return WpComment(
        wp_id=wp_id, author=f.get("wp:comment_author", "").strip(),
        email=f.get("wp:comment_author_email", "").strip(),
        url=f.get("wp:comment_author_url", "").strip(),
        ip=f.get("wp:comment_author_IP", "").strip(), date=f.get("wp:comment_date", "").strip(),
        date_gmt=f.get("wp:comment_date_gmt", "").strip(),
        content=f.get("wp:comment_content", ""), approved=f.get("wp:comment_approved", "1").strip(),
        type=f.get("wp:comment_type", "").strip(),
        parent_id=_int(f.get("wp:comment_parent", "")) or 0,
    )  # fmt: skip
