"""Markdown to safe HTML, done once when content is saved, never per request."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from masthead.core.sanitize import clean_html
from masthead.core.text import CJK

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(f"[{CJK}]")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # CommonMark plus GitHub's tables and strikethrough; raw HTML is allowed through the
    # parser and then cut down to the allow-list by the sanitizer.
    return (
        MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
        .enable(["table", "strikethrough"])
        .use(footnote_plugin)
    )


def render(text: str, *, outside_pictures: bool = False) -> str:
    """Render Markdown ``text`` to sanitized HTML; images load lazily.

    Pictures from other sites become links to them unless ``outside_pictures`` keeps
    them (``sanitize.clean_html``).
    """
    raw = _parser().render(text)
    raw = raw.replace("<img ", '<img loading="lazy" decoding="async" ')
    # The article headline is the page's only h1, so body headings start at h2.
    raw = re.sub(r"<(/?)h1\b", r"<\1h2", raw)
    return clean_html(raw, outside_pictures=outside_pictures)


def excerpt(text: str, *, limit: int = 220) -> str:
    """Return at most ``limit`` characters of ``text``, cut at a word where possible."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def word_count(text: str) -> int:
    """Count words, with each CJK character counted as one (those scripts use no spaces)."""
    cjk = len(_CJK.findall(text))
    return cjk + len(_WORD.findall(_CJK.sub(" ", text)))


def reading_minutes(text: str) -> int:
    """Minutes a reader needs for ``text``, at least one.

    CJK characters read at about 400 a minute, so they are weighted to match.
    """
    cjk = len(_CJK.findall(text))
    other = len(_WORD.findall(_CJK.sub(" ", text)))
    minutes = other / WORDS_PER_MINUTE + cjk / 400
    return max(1, round(minutes))
