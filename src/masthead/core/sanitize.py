"""Allow-list HTML sanitizing with nh3: what is not listed here does not reach a page."""

from __future__ import annotations

import html
import re
from dataclasses import fields, is_dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import nh3
from django.utils.feedgenerator import SyndicationFeed

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "del", "dd", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start"},
    "code": {"class"},
    "span": {"class"},
    "div": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Table cells keep only their alignment, the one style Markdown tables produce, and only
# as one of these exact attributes: the Content-Security-Policy allows them by their hash
# and refuses every other style attribute (masthead.config.security).
STYLE_PROPERTIES = {"text-align"}
STYLE_ATTRIBUTES = ("text-align:left", "text-align:center", "text-align:right")
_ALIGNMENT = re.compile(r"(?:^|;)\s*text-align\s*:\s*(left|center|right)\s*(?:;|$)", re.I)


def clean_html(html: str, *, outside_pictures: bool = False) -> str:
    """Return ``html`` with every tag, attribute and URL scheme not allowed removed.

    A picture from another site (not this one, nor one of ``BODY_IMAGE_HOSTS``) would
    make every reader's browser ask that site for it: it becomes a link to the picture,
    "Picture from example.com: <alt>", unless ``outside_pictures`` keeps it (for HTML
    that is a source to be rendered again, such as an imported body).
    """
    cleaned = _nh3(html)
    if outside_pictures or "<img" not in cleaned:
        return cleaned
    # The sanitizer's output is regular (attributes double-quoted, quotes escaped), so
    # its <img> tags can be found reliably; the sanitizer then has the last word again.
    return _nh3(_PICTURE.sub(_linked_if_outside, cleaned))


def _nh3(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties=STYLE_PROPERTIES,
        attribute_filter=_only_alignment,
        strip_comments=True,
    )


def _only_alignment(tag: str, attribute: str, value: str) -> str | None:
    """A style attribute as one of ``STYLE_ATTRIBUTES``, or dropped; other attributes kept."""
    if attribute != "style":
        return value
    found = _ALIGNMENT.search(value)
    return f"text-align:{found.group(1).lower()}" if found else None


_PICTURE = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>')
_ATTRIBUTE = re.compile(r'\s([a-z]+)="([^"]*)"')


def picture_attributes(tag: str) -> dict[str, str]:
    """The attributes of one sanitized ``<img>`` tag, unescaped."""
    return {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(tag)}


def picture_sources(cleaned: str) -> list[tuple[str, str]]:
    """``(src, alt)`` of each picture in sanitized HTML ``cleaned``, in order."""
    found = (picture_attributes(tag) for tag in _PICTURE.findall(cleaned))
    return [(a["src"], a.get("alt", "")) for a in found if a.get("src")]


def outside_pictures(cleaned: str) -> list[tuple[str, str, str]]:
    """``(src, alt, host)`` of each picture from another site in sanitized HTML ``cleaned``."""
    found = ((src, alt, outside_host(src)) for src, alt in picture_sources(cleaned))
    return [(src, alt, host) for src, alt, host in found if host]


def _linked_if_outside(match: re.Match[str]) -> str:
    attributes = picture_attributes(match[0])
    src = attributes.get("src", "")
    host = outside_host(src)
    if not src or host is None:
        return match[0]
    if not host:
        return ""  # not an http(s) address: no picture can come from it
    words = f"Picture from {host}"
    if alt := attributes.get("alt", "").strip():
        words = f"{words}: {alt}"
    return f'<a href="{html.escape(src)}">{html.escape(words)}</a>'


def outside_host(url: str) -> str | None:
    """The host a body picture at ``url`` would come from, if not this site's own.

    None for this site's pictures: a relative address, ``SITE_URL``'s host, the media
    URL's host, or one of ``BODY_IMAGE_HOSTS``; "" for an address that is not http(s).
    """
    from django.conf import settings

    # Browsers read "\\" as "/" and drop tabs and line ends in addresses: so do we.
    address = re.sub(r"[\t\n\r]", "", url).strip().replace("\\", "/")
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("", "http", "https"):
        return ""
    if not parts.netloc:
        return None
    # This site is one origin (its port counts); a listed host is allowed on any port.
    own = {urlsplit(settings.SITE_URL).netloc.lower(), urlsplit(settings.MEDIA_URL).netloc.lower()}
    host = (parts.hostname or "").lower()
    if parts.netloc.lower() in own or host in settings.BODY_IMAGE_HOSTS:
        return None
    return host or parts.netloc


# XML 1.0's Char production, negated: what XML cannot carry at all, not even escaped
# (C0 controls but tab and line ends, lone surrogates, U+FFFE, U+FFFF). DEL and the C1
# controls are allowed (merely "discouraged") and kept: feed readers parse them, and a
# cp1252 quote mis-read as U+0092 is better left for repair than welded out of a word.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def printable(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (feeds, sitemaps, stored text)."""
    return _NOT_XML.sub("", text)


def printable_all(value: Any) -> Any:
    """``value`` with ``printable`` applied to every string in it, lists and dicts included."""
    if isinstance(value, str):
        return printable(value)
    if type(value) in (list, tuple):
        return type(value)(printable_all(item) for item in value)
    if isinstance(value, dict):
        return {key: printable_all(item) for key, item in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return replace(
            value, **{f.name: printable_all(getattr(value, f.name)) for f in fields(value)}
        )
    return value


def printable_feed(feed: SyndicationFeed) -> SyndicationFeed:
    """``feed`` (a Django feed generator) with ``printable`` applied to all its text."""
    feed.feed = printable_all(feed.feed)
    feed.items = printable_all(feed.items)
    return feed
