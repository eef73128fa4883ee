"""Text and HTML as feeds write them: plain titles, HTML bodies, bylines, tag lists.

String in, string out: nothing here knows XML. The parser's readers call these on what
they found in an element; the plain text of HTML is ``core.text.plain_text``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from masthead.core.text import plain_text

TITLE_LIMIT = 300
# A tag or an entity: an RSS title holding either was written as HTML.
_MARKUP = re.compile(r"<[a-zA-Z/!]|&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_BYLINE_AFTER_EMAIL = re.compile(r"\S+@\S+\s*\((?P<name>[^)]*)\)")
_BYLINE_BEFORE_EMAIL = re.compile(r"(?P<name>[^<]*)<[^>]*@[^>]*>")
_EMAIL = re.compile(r"\S+@\S+")


def collapse(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends."""
    return " ".join(text.split())


def looks_like_markup(text: str) -> bool:
    """Tell whether ``text`` holds an HTML tag or entity."""
    return _MARKUP.search(text) is not None


def title_text(text: str, *, markup: bool) -> str:
    """Make a title plain text (from HTML when ``markup``), at most 300 characters."""
    return shorten(plain_text(text) if markup else collapse(text), TITLE_LIMIT)


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters at a word boundary, ending with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def first_words(text: str, count: int = 12) -> str:
    """Take the first ``count`` words of ``text``, with an ellipsis when there were more."""
    words = text.split()
    head = " ".join(words[:count])
    return shorten(head + ("…" if len(words) > count else ""), TITLE_LIMIT)


def text_to_html(text: str) -> str:
    """Turn plain text into HTML: escaped, a <p> per blank-line paragraph, <br> per newline."""
    paragraphs = (chunk.strip() for chunk in _PARAGRAPHS.split(text.strip()))
    return "".join(
        "<p>" + "<br>".join(html.escape(line.strip()) for line in chunk.splitlines()) + "</p>"
        for chunk in paragraphs
        if chunk
    )


def person_name(byline: str) -> str:
    """Find the name in an RSS byline (``jane@x.org (Jane Doe)`` → ``Jane Doe``); "" if none."""
    byline = collapse(byline)
    match = _BYLINE_AFTER_EMAIL.fullmatch(byline) or _BYLINE_BEFORE_EMAIL.fullmatch(byline)
    if match:
        byline = match["name"]
    elif _EMAIL.fullmatch(byline):
        # A bare address is not a name, and bylines are shown to readers.
        return ""
    return collapse(byline).strip("\"'")


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Keep the first of each value (whitespace collapsed, case ignored), dropping blanks."""
    seen: set[str] = set()
    kept = []
    for value in map(collapse, values):
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            kept.append(value)
    return tuple(kept)
