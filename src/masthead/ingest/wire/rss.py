"""Read RSS: 0.9x and 2.0 (root ``<rss>``), 1.0 and 0.90 (root ``<rdf:RDF>``).

RSS's own elements are looked up in the namespace of the ``<channel>``: none for 0.9x
and 2.0, the RSS 1.0 or 0.90 namespace for RDF feeds, whatever a feed wrongly declared
otherwise. Extras come from their own namespaces (``content:encoded``, ``dc:*``,
Media RSS). Descriptions are HTML: escaped in the XML as the format intends, or,
when a feed put raw elements there, serialized back to HTML.
"""

from __future__ import annotations

from masthead.ingest.wire.dates import parse_date
from masthead.ingest.wire.drafts import Draft, read_each
from masthead.ingest.wire.markup import looks_like_markup, person_name, title_text, unique
from masthead.ingest.wire.nodes import (
    ATOM,
    CONTENT,
    DC,
    DCTERMS,
    RDF,
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
from masthead.ingest.wire.records import FeedError, WireDocument

RSS1_NAMESPACES = ("http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/")
MEDIA_NAMESPACES = ("http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss")


def read_rss(root: Node, url: str) -> tuple[WireDocument, list[Draft]]:
    """Read an RSS 0.9x / 2.0 document: the items are inside its ``<channel>``."""
    channel = child(root, namespace(root), "channel")
    if channel is None:
        raise FeedError(f"not a readable RSS feed: <rss> has no <channel> (line {root.sourceline})")
    items = children(channel, namespace(channel), "item")
    return _document("rss", root, channel, url), _drafts(items, url)


def read_rdf(root: Node, url: str) -> tuple[WireDocument, list[Draft]]:
    """Read an RSS 1.0 / 0.90 document: the items are siblings of its ``<channel>``."""
    channel = next((n for n in root if _is_rss1(n) and localname(n) == "channel"), None)
    if channel is None:
        raise FeedError(
            f"not an RSS 1.0 feed: <rdf:RDF> has no RSS <channel> (line {root.sourceline})"
        )
    items = [n for n in root if _is_rss1(n) and localname(n) == "item"]
    return _document("rdf", root, channel, url), _drafts(items, url)


def image_url(node: Node, url: str) -> str:
    """Find the first Media RSS picture in ``node``: an image media:content, then a thumbnail."""
    pictures = [n for n in _media(node, "content") if _is_image(n, medium=True)]
    pictures += _media(node, "thumbnail")
    return next((found for n in pictures if (found := absolute(n.get("url"), n, url))), "")


def _document(kind: str, root: Node, channel: Node, url: str) -> WireDocument:
    ns = namespace(channel)
    link = child(channel, ns, "link")
    return WireDocument(
        format=kind,
        title=_title(child(channel, ns, "title")),
        link=absolute(text_of(link), link, url) if link is not None else "",
        language=child_text(channel, ns, "language")
        or child_text(channel, DC, "language")
        or language(root, channel),
    )


def _drafts(items: list[Node], url: str) -> list[Draft]:
    return read_each(items, lambda item, position: _item(item, position, url))


def _item(item: Node, position: int, url: str) -> Draft:
    ns = namespace(item)
    date_text = child_text(item, ns, "pubDate") or child_text(item, DC, "date")
    return Draft(
        position=position,
        id=child_text(item, ns, "guid") or (item.get(f"{{{RDF}}}about") or "").strip(),
        title=_title(child(item, ns, "title")),
        link=_link(item, url),
        summary=_html(child(item, ns, "description")),
        content=_html(child(item, CONTENT, "encoded")),
        date_text=date_text,
        published=parse_date(child_text(item, ns, "pubDate"))
        or parse_date(child_text(item, DC, "date")),
        updated=parse_date(
            child_text(item, ATOM, "updated") or child_text(item, DCTERMS, "modified")
        ),
        authors=_authors(item),
        categories=unique(
            [text_of(n) for n in children(item, ns, "category") + children(item, DC, "subject")]
        ),
        image_url=_enclosed_image(item, url) or image_url(item, url),
    )


def _title(node: Node | None) -> str:
    """Read a title as plain text, as HTML when it holds markup (RSS does not say which)."""
    if node is None:
        return ""
    if has_elements(node):
        return title_text(inner_html(node), markup=True)
    text = text_of(node)
    return title_text(text, markup=looks_like_markup(text))


def _html(node: Node | None) -> str:
    """Read a description or content:encoded as HTML."""
    if node is None:
        return ""
    return (inner_html(node) if has_elements(node) else text_of(node)).strip()


def _link(item: Node, url: str) -> str:
    """Find the item's link, else its guid when that is a permalink (RSS 2.0's default)."""
    ns = namespace(item)
    link = child(item, ns, "link")
    if link is not None and (found := absolute(text_of(link), link, url)):
        return found
    guid = child(item, ns, "guid")
    if guid is None or (guid.get("isPermaLink") or "true").strip().lower() != "true":
        return ""
    return absolute(text_of(guid), guid, url)


def _authors(item: Node) -> tuple[str, ...]:
    creators = [text_of(n) for n in children(item, DC, "creator")]
    bylines = [person_name(text_of(n)) for n in children(item, namespace(item), "author")]
    return unique(creators + bylines)


def _enclosed_image(item: Node, url: str) -> str:
    for enclosure in children(item, namespace(item), "enclosure"):
        if _is_image(enclosure) and (found := absolute(enclosure.get("url"), enclosure, url)):
            return found
    return ""


def _is_image(node: Node, *, medium: bool = False) -> bool:
    if medium and (node.get("medium") or "").strip().lower() == "image":
        return True
    return (node.get("type") or "").strip().lower().startswith("image/")


def _media(node: Node, local: str) -> list[Node]:
    """List the Media RSS elements called ``local`` anywhere in ``node`` (in media:group too)."""
    return list(node.iter(*(f"{{{ns}}}{local}" for ns in MEDIA_NAMESPACES)))


def _is_rss1(node: Node) -> bool:
    return isinstance(node.tag, str) and namespace(node) in RSS1_NAMESPACES
