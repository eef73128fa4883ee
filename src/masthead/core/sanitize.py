"""Allow-list HTML sanitizing with nh3: what is not listed here does not reach a page."""

from __future__ import annotations

import re

import nh3

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
# Table cells keep only their alignment, the one style Markdown tables produce.
STYLE_PROPERTIES = {"text-align"}


def clean_html(html: str) -> str:
    """Return ``html`` with every tag, attribute and URL scheme not allowed removed."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties=STYLE_PROPERTIES,
        strip_comments=True,
    )


def strip_tags(html: str) -> str:
    """Return the text of ``html`` with every tag removed (entities stay escaped)."""
    return nh3.clean(html, tags=set(), attributes={})


# XML 1.0 cannot carry these at all, not even escaped; an imported story may hold one.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (feeds, sitemaps)."""
    return _NOT_XML.sub("", text)
