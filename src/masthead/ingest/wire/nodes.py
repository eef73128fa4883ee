"""Read lxml elements as the feed readers need them: text, inner HTML, links, namespaces.

The parser never expands entities, so a tree can hold entity references (``&nbsp;``
under an RSS 0.91 DOCTYPE, or whatever a hostile DOCTYPE declared). Text read here
turns a reference to an HTML entity into its character and drops any other: a
declared entity is never expanded, whether it is a billion laughs or a local file.
"""

from __future__ import annotations

import html
from copy import deepcopy
from html.entities import html5
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

Node = Any  # lxml ships no type information

ATOM = "http://www.w3.org/2005/Atom"
ATOM03 = "http://purl.org/atom/ns#"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XHTML = "http://www.w3.org/1999/xhtml"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tag(namespace: str, local: str) -> str:
    """Make the Clark name lxml uses: ``{namespace}local``, or ``local`` with no namespace."""
    return f"{{{namespace}}}{local}" if namespace else local


def namespace(node: Node) -> str:
    """Return the namespace URI of ``node``, "" when it has none."""
    return etree.QName(node).namespace or ""


def localname(node: Node) -> str:
    """Return the name of ``node`` without its namespace."""
    return str(etree.QName(node).localname)


def child(node: Node, ns: str, local: str) -> Node | None:
    """Find the first child of ``node`` called ``local`` in namespace ``ns``, or None."""
    return node.find(tag(ns, local))


def children(node: Node, ns: str, local: str) -> list[Node]:
    """List the children of ``node`` called ``local`` in namespace ``ns``, in order."""
    return list(node.findall(tag(ns, local)))


def child_text(node: Node, ns: str, local: str) -> str:
    """Read the stripped text of the first child called ``local``, "" if there is none."""
    found = child(node, ns, local)
    return text_of(found).strip() if found is not None else ""


def has_elements(node: Node) -> bool:
    """Tell whether ``node`` holds child elements (entity references do not count)."""
    return any(isinstance(sub.tag, str) for sub in node)


def text_of(node: Node) -> str:
    """Read the text inside ``node``, markup dropped and entity references settled."""
    parts = [node.text or ""]
    for sub in node:
        parts.append(text_of(sub) if isinstance(sub.tag, str) else _entity_text(sub))
        parts.append(sub.tail or "")
    return "".join(parts)


def inner_html(node: Node) -> str:
    """Serialize what is inside ``node`` as HTML: plain tag names, namespaces dropped."""
    copy = deepcopy(node)
    _settle_entities(copy)
    _drop_namespaces(copy)
    inside = (etree.tostring(sub, method="html", encoding="unicode") for sub in copy)
    return html.escape(copy.text or "", quote=False) + "".join(inside)


def base_of(node: Node, url: str) -> str:
    """Find the base URL in force at ``node``: each xml:base above it, resolved from ``url``."""
    base = url
    for level in [*reversed(list(node.iterancestors())), node]:
        if (declared := level.get(XML_BASE)) is not None:
            base = urljoin(base, declared.strip())
    return base


def absolute(href: str | None, node: Node, url: str) -> str:
    """Resolve ``href`` at ``node``; "" unless that gives an absolute http(s) URL."""
    href = (href or "").strip()
    if not href:
        return ""
    try:
        resolved = urljoin(base_of(node, url), href)
        parts = urlsplit(resolved)
    except ValueError:  # a malformed address, such as an unclosed IPv6 bracket
        return ""
    return resolved if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def language(*nodes: Node) -> str:
    """Find the first xml:lang declared on ``nodes``, "" when none is."""
    return next((lang.strip() for n in nodes if (lang := n.get(XML_LANG))), "")


def _entity_text(node: Node) -> str:
    if isinstance(node, etree._Entity):
        return html5.get(f"{node.name};", "")
    return ""


def _settle_entities(root: Node) -> None:
    """Replace each entity reference under ``root`` by the text ``text_of`` reads for it."""
    for reference in list(root.iter(etree.Entity)):
        parent, before = reference.getparent(), reference.getprevious()
        text = _entity_text(reference) + (reference.tail or "")
        if before is not None:
            before.tail = (before.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(reference)


def _drop_namespaces(root: Node) -> None:
    """Give every element its local name; keep xml:lang as lang, drop other foreign attributes."""
    for element in root.iter(etree.Element):
        element.tag = localname(element)
        for name in [name for name in element.attrib if name.startswith("{")]:
            value = element.attrib.pop(name)
            if name == XML_LANG:
                element.set("lang", value)
    etree.cleanup_namespaces(root)
