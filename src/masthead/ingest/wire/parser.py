"""Read a publisher's RSS or Atom feed from bytes: ``parse_feed(data, url=...)``.

Bytes in, a ``WireDocument`` out; no database, no network. The XML is read with a
parser that never loads a DTD, never expands an entity and never fetches anything,
so a hostile DOCTYPE (a billion laughs, an external entity naming a local file) is
either refused by libxml2's limits or left unexpanded. Anything that is not a feed
raises ``FeedError`` with a message for the back office:

    >>> parse_feed(b"<html><body>Moved</body></html>")
    Traceback (most recent call last):
    ...
    masthead.ingest.wire.records.FeedError: not an RSS or Atom feed: the document's root is <html>

Entries too empty to use are dropped and listed in ``WireDocument.problems``. The feed's
language is read as a BCP 47 tag (``en_us`` and ``EN-us`` become ``en-US``); one that is
not a tag is dropped, its stories take none, and ``problems`` says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from lxml import etree

from masthead.core.languages import language_tag
from masthead.ingest.wire.atom import read_atom
from masthead.ingest.wire.drafts import Draft, settle
from masthead.ingest.wire.nodes import ATOM, ATOM03, RDF, Node, localname, namespace
from masthead.ingest.wire.records import FeedError, WireDocument
from masthead.ingest.wire.rss import read_rdf, read_rss

Reader = Callable[[Node, str], tuple[WireDocument, list[Draft]]]

_BOM = b"\xef\xbb\xbf"
# The start of an HTML page: what a feed URL serves once the feed has moved or broken.
_HTML_PAGE = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
# libxml2 puts the place in its message, and sometimes a hint for C programmers.
_NOISE = re.compile(r",? see xmlCtxt\w+\.?|,? line \d+, column \d+$")


def parse_feed(data: bytes, *, url: str = "") -> WireDocument:
    """Read an RSS or Atom document; relative links resolve against xml:base, then ``url``."""
    root = read_xml(data)
    document, drafts = _reader(root)(root, url)
    entries, problems = settle(drafts)
    language, trouble = feed_language(document.language)
    return replace(document, entries=entries, language=language, problems=(*trouble, *problems))


def feed_language(text: str) -> tuple[str, tuple[str, ...]]:
    """The feed's language as a BCP 47 tag, else "" and the problem to report.

    >>> feed_language("en_us"), feed_language("English")[0]
    (('en-US', ()), '')
    """
    if not text.strip():
        return "", ()
    try:
        return language_tag(text.strip().replace("_", "-")), ()
    except ValueError as error:
        said = " ".join(text.split())[:40]
        return "", (f"the feed's language “{said}” was left out: {error}",)


def read_xml(data: bytes) -> Node:
    """Parse ``data`` as XML, safely; raise FeedError when it is empty or not well-formed."""
    if not data.removeprefix(_BOM).strip():
        raise FeedError("empty document")
    try:
        return etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as error:
        if _HTML_PAGE.match(data.removeprefix(_BOM)[:4096]):
            raise FeedError(_not_a_feed("<html>")) from None
        raise FeedError(f"not well-formed XML: {_reason(error)}") from None


def _safe_parser() -> etree.XMLParser:
    # A new parser each time: an lxml parser must not be shared between threads.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        recover=False, remove_comments=True, remove_pis=True,
    )  # fmt: skip


def _reader(root: Node) -> Reader:
    """Pick the reader for the document's format from its root element."""
    ns, name = namespace(root), localname(root)
    if name == "rss":
        return read_rss
    if name == "RDF" and ns == RDF:
        return read_rdf
    if name == "feed" and ns in (ATOM, ATOM03):
        return read_atom
    written = f"<{root.prefix}:{name}>" if root.prefix else f"<{name}>"
    raise FeedError(_not_a_feed(written + (f" (namespace {ns})" if ns else "")))


def _not_a_feed(root: str) -> str:
    return f"not an RSS or Atom feed: the document's root is {root}"


def _reason(error: etree.XMLSyntaxError) -> str:
    """Give libxml2's message with the place moved to the end: ``… (line 3, column 7)``."""
    message = _NOISE.sub("", str(error.msg or error)).strip()
    line, column = error.position
    return f"{message} (line {line}, column {column})"
