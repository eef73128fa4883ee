"""Highlighted snippets, made safe: escaped text, and no tag but our own ``<mark>``.

Backends ask their database for a snippet with the matches between two control
characters, START and STOP, which can never be in indexed text (``text.clean`` takes them
out). ``highlight`` then escapes everything and turns only those markers into ``<mark>``:

    >>> highlight("a \\x02<b>\\x03 c")
    'a <mark>&lt;b&gt;</mark> c'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from masthead.discovery.search.text import desegment

START, STOP = "\x02", "\x03"
_MARKED = re.compile(f"({START}.*?{STOP})", re.DOTALL)


def highlight(raw: str, literals: Iterable[str] = ()) -> SafeString:
    """``raw`` escaped, its marked stretches in ``<mark>``, CJK spaces from segmenting removed.

    ``literals`` (a query's CJK runs) are marked wherever they appear outside a marked
    stretch: a run found through its character pairs has no word the database could mark.
    """
    text = desegment(_balanced(raw))
    for literal in sorted({lit for lit in literals if lit}, key=len, reverse=True):
        text = "".join(
            part if part.startswith(START) else part.replace(literal, f"{START}{literal}{STOP}")
            for part in _MARKED.split(text)
        )
    pieces = (
        format_html("<mark>{}</mark>", part[1:-1]) if part.startswith(START) else part
        for part in _MARKED.split(text)
        if part
    )
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def _balanced(raw: str) -> str:
    """``raw`` with markers that pair up: no nesting, none left open or closed twice."""
    out: list[str] = []
    inside = False
    for char in raw:
        if char == START:
            if not inside:
                out.append(char)
            inside = True
        elif char == STOP:
            if inside:
                out.append(char)
            inside = False
        else:
            out.append(char)
    if inside:
        out.append(STOP)
    return "".join(out).replace(START + STOP, "")
