"""What a reader asked for: their words, made safe, and the filters and order they chose.

``parse`` turns whatever was typed into a short list of terms, and nothing else: no
operator, quote, bracket, colon or star of any query language survives, so backends
build their own query syntax from words they know are plain. Each term must match.

    >>> parse('open-source "chip export" OR 杭州 * NEAR(')
    [Phrase(words=('open', 'source')), Phrase(words=('chip', 'export')),
     Phrase(words=('or',)), Run(text='杭州'), Phrase(words=('near',))]

A whitespace-separated chunk whose words are joined by punctuation (open-source, U.S.)
and a quoted stretch are phrases; every run of CJK characters is a ``Run``, which
backends match by its words or by its character pairs (see ``text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from masthead.core.text import UNSPACED
from masthead.discovery.search.text import clean, grams, words

MAX_LENGTH = 200  # characters of the query that are searched
MAX_TERMS = 12

_CHUNK = re.compile(r'"([^"]*)"|(\S+)')
# A CJK run, a run of other letters and digits, or any other single character.
_PIECE = re.compile(f"([{UNSPACED}]+)|([^\\W_{UNSPACED}]+)|.", re.DOTALL)

Sort = Literal["relevance", "newest"]


@dataclass(frozen=True)
class Phrase:
    """Words (lower-cased, letters and digits only) that must stand together in this order."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Run:
    """A run of CJK characters, found by its words or by its character pairs."""

    text: str

    @property
    def words(self) -> list[str]:
        return words(self.text)

    @property
    def grams(self) -> list[str]:
        """Its pairs (a single character stays as it is)."""
        return grams(self.text)[:-1] if len(self.text) > 1 else [self.text]


Term = Phrase | Run


@dataclass(frozen=True)
class SearchQuery:
    """A search: the text, the filters, the order and the window of results wanted."""

    text: str
    category_ids: tuple[int, ...] = ()
    author_id: int | None = None
    since: date | None = None
    until: date | None = None
    sort: Sort = "relevance"
    offset: int = 0
    limit: int = 10
    terms: tuple[Term, ...] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", tuple(parse(self.text)))

    def window(self, offset: int, limit: int) -> SearchQuery:
        """The same search, for results ``offset`` to ``offset + limit``."""
        return replace(self, offset=max(offset, 0), limit=max(limit, 0))


def parse(text: str) -> list[Term]:
    """The terms of ``text`` (its first MAX_LENGTH characters), at most MAX_TERMS, no repeats."""
    terms: list[Term] = []
    for match in _CHUNK.finditer(clean(text[:MAX_LENGTH])):
        chunk = match.group(1) if match.group(1) is not None else match.group(2)
        for term in _chunk_terms(chunk):
            if term not in terms:
                terms.append(term)
    return terms[:MAX_TERMS]


def _chunk_terms(chunk: str) -> list[Term]:
    """A chunk's CJK runs, and the phrases of letters and digits between them."""
    found: list[Term] = []
    phrase: list[str] = []
    for piece in _PIECE.finditer(chunk):
        run, word = piece.group(1), piece.group(2)
        if word:
            phrase.append(word.lower())
            continue
        if run:
            if phrase:
                found.append(Phrase(tuple(phrase)))
                phrase = []
            found.append(Run(run))
    if phrase:
        found.append(Phrase(tuple(phrase)))
    return found
