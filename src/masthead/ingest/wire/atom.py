"""Read Atom 1.0 (RFC 4287), and the older Atom 0.3 well enough to take its stories.

Atom says how each text is written (``type="text"``, ``"html"`` or ``"xhtml"``), so
nothing is guessed: titles become plain text, summaries and content become HTML.
Plain text becomes escaped HTML with a ``<p>`` per blank-line paragraph and a ``<br>``
per line break; XHTML loses its namespace and comes out as ordinary HTML tags.
"""

from __future__ import annotations

from masthead.core.text import plain_text
from masthead.ingest.wire import rss
from masthead.ingest.wire.dates import parse_date
from masthead.ingest.wire.drafts import Draft, read_each
from masthead.ingest.wire.markup import collapse, text_to_html, title_text, unique
from masthead.ingest.wire.nodes import (
    DC,
    XHTML,
    Node,
    absolute,
    child,
    child_text,
    children,
    has_elements,
    inner_html,
    language,
    localname,
    namespace,
    text_of,
)
from masthead.ingest.wire.records import WireDocument

# Atom 0.3 named the dates differently; Atom 1.0 has only the first of each.
PUBLISHED = ("published", "issued", "created")
UPDATED = ("updated", "modified")
_KINDS = {
    "text": "text",
    "text/plain": "text",
    "html": "html",
    "text/html": "html",
    "xhtml": "xhtml",
    "application/xhtml+xml": "xhtml",
}
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_atom(root: Node, url: str) -> tuple[WireDocument, list[Draft]]:
    """Read an Atom ``<feed>``; an entry without authors takes the feed's."""
    ns = namespace(root)
    feed_authors = _authors(root, ns)
    entries = children(root, ns, "entry")
    drafts = read_each(entries, lambda e, n: _entry(e, n, url, feed_authors))
    document = WireDocument(
        format="atom",
        title=construct_text(child(root, ns, "title")),
        link=alternate_link(root, url),
        language=language(root) or child_text(root, DC, "language"),
    )
    return document, drafts


def construct_text(node: Node | None) -> str:
    """Read an Atom text construct as a plain-text title."""
    kind = _kind(node)
    if kind == "xhtml":
        return title_text(plain_text(inner_html(_xhtml_body(node))), markup=False)
    return title_text(text_of(node), markup=kind == "html") if kind else ""


def construct_html(node: Node | None) -> str:
    """Read an Atom text construct (summary, content) as HTML; "" if absent or unreadable."""
    kind = _kind(node)
    if kind == "xhtml":
        return inner_html(_xhtml_body(node)).strip()
    if kind == "html":
        return text_of(node).strip()
    return text_to_html(text_of(node)) if kind == "text" else ""


def alternate_link(node: Node, url: str) -> str:
    """Find the alternate link of a feed or entry, an HTML one first, made absolute."""
    links = [n for n in children(node, namespace(node), "link") if _rel(n) == "alternate"]
    links.sort(key=lambda n: _html_rank(n.get("type")))
    return next((found for n in links if (found := absolute(n.get("href"), n, url))), "")


def _entry(entry: Node, position: int, url: str, feed_authors: tuple[str, ...]) -> Draft:
    ns = namespace(entry)
    published_text = _first_text(entry, ns, PUBLISHED)
    updated_text = _first_text(entry, ns, UPDATED)
    return Draft(
        position=position,
        id=child_text(entry, ns, "id"),
        title=construct_text(child(entry, ns, "title")),
        link=alternate_link(entry, url),
        summary=construct_html(child(entry, ns, "summary")),
        content=construct_html(child(entry, ns, "content")),
        date_text=published_text or updated_text,
        published=parse_date(published_text) or parse_date(updated_text),
        updated=parse_date(updated_text),
        authors=_authors(entry, ns) or feed_authors,
        categories=_categories(entry, ns),
        image_url=_enclosed_image(entry, url) or rss.image_url(entry, url),
    )


def _kind(node: Node | None) -> str:
    """Say how a text construct is written: "text", "html", "xhtml", or "" if unreadable."""
    if node is None or node.get("src") or node.get("mode") == "base64":
        return ""  # content elsewhere, or binary (Atom 0.3)
    written = (node.get("type") or "text").split(";")[0].strip().lower()
    if has_elements(node):
        # XHTML, or Atom 0.3's inline markup (mode="xml" is its default).
        return "xhtml"
    if node.get("mode") == "escaped" and written in _HTML_TYPES:
        return "html"
    return _KINDS.get(written, "text" if written.startswith("text/") else "")


def _xhtml_body(node: Node) -> Node:
    """Find the xhtml:div Atom wraps XHTML in, or the element itself if a feed left it out."""
    inside = [sub for sub in node if isinstance(sub.tag, str)]
    if len(inside) == 1 and namespace(inside[0]) == XHTML and localname(inside[0]) == "div":
        return inside[0]
    return node


def _first_text(node: Node, ns: str, names: tuple[str, ...]) -> str:
    return next((found for name in names if (found := child_text(node, ns, name))), "")


def _authors(node: Node, ns: str) -> tuple[str, ...]:
    names = [child_text(author, ns, "name") for author in children(node, ns, "author")]
    return unique(names + [text_of(n) for n in children(node, DC, "creator")])


def _categories(entry: Node, ns: str) -> tuple[str, ...]:
    terms = [n.get("term") or n.get("label") or "" for n in children(entry, ns, "category")]
    return unique(terms + [text_of(n) for n in children(entry, DC, "subject")])


def _enclosed_image(entry: Node, url: str) -> str:
    for link in children(entry, namespace(entry), "link"):
        image = (link.get("type") or "").strip().lower().startswith("image/")
        if _rel(link) == "enclosure" and image and (found := absolute(link.get("href"), link, url)):
            return found
    return ""


def _rel(link: Node) -> str:
    """Give a link's relation: none means alternate; an IANA URI means its last word."""
    rel = collapse(link.get("rel") or "alternate")
    return rel.removeprefix("http://www.iana.org/assignments/relation/")


def _html_rank(media_type: str | None) -> int:
    if media_type is None:
        return 1
    return 0 if media_type.split(";")[0].strip().lower() in _HTML_TYPES else 2
