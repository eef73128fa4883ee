"""Text tools with no newsroom words: the plain text of HTML, the CJK scripts, word tokens.

    >>> plain_text("<p>Markets <![> close <b>higher</b></p><script>x()</script>")
    'Markets close higher'
    >>> plain_text("<p>One &amp; two</p><p>Three<br>four</p>", paragraphs=True)
    'One & two\\n\\nThree\\nfour'
    >>> Tokenizer(lambda word: word if len(word) > 2 else "")("The 台积电 fab")
    ['the', '台积', '积电', 'fab']

``plain_text`` reads HTML the forgiving way browsers do and never raises, whatever it is
given (a stray ``<``, a broken ``<![``, NULs, lone surrogates): feeds and old sites are
written by everyone. The text it returns can always be stored: no control characters
but line breaks and tabs, and no lone surrogates (each becomes U+FFFD).

Chinese and Japanese are written without spaces between words, Korean with them; the
character classes below say which characters belong to which (``CJK`` is all three).
``Tokenizer`` splits text into the words a comparison or an index counts, with each run
of CJK characters written as its overlapping pairs; the stop list and the stemmer are
the knob, a function from one word to its token.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

# Han: the unified ideographs with every extension (A, B to H), the compatibility ones,
# and 々 (iteration mark) and 〇 (zero), which are written as Han.
HAN = "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
# Hiragana, katakana (with the phonetic extensions and the half-width forms).
KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f\U0001b000-\U0001b16f"
# Hangul syllables and jamo (with the compatibility and half-width jamo).
HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff\uffa0-\uffdc"
UNSPACED = HAN + KANA  # the scripts written without spaces between words
CJK = UNSPACED + HANGUL
CJK_RUN = re.compile(f"[{CJK}]+")

# Tags that start a new line of text (block elements, and <br>).
BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# Every alternative stops at the next "<", so a text full of them is read in linear time.
# Unclosed comments and hidden elements run to the end of the text, as in browsers.
_ATTRIBUTES = r"""(?:[^<>"']|"[^"<]*"|'[^'<]*')*"""
_MARKUP = re.compile(
    rf"""<!--.*?(?:-->|\Z)
    | <(?P<hidden>script|style|template)\b{_ATTRIBUTES}>.*?(?:</(?P=hidden)\s*>|\Z)
    | </?(?P<name>[a-z][^\s/<>]*)(?:{_ATTRIBUTES}|[^<>]*)>
    | <[!?][^<>]*> | </>""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[^\S\n]+")
_PARAGRAPH = re.compile(r" ?\n ?(?: ?\n ?)+")


def plain_text(markup: str, *, paragraphs: bool = False) -> str:
    """The text of an HTML fragment: tags gone, entities read, script and style dropped.

    Block elements and ``<br>`` part words. By default all whitespace is folded into
    single spaces (a title, an index's text); with ``paragraphs``, line breaks stay,
    ``<br>`` is one and a block element's edges make a blank line between paragraphs
    (a comment, a caption).
    """
    text = _MARKUP.sub(_breaking if paragraphs else _spacing, markup)
    text = _storable(html.unescape(text))
    if not paragraphs:
        return " ".join(text.split())
    text = _SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _PARAGRAPH.sub("\n\n", text).strip()


def _spacing(match: re.Match[str]) -> str:
    return " " if (match["name"] or "").lower() in BLOCKS else ""


def _breaking(match: re.Match[str]) -> str:
    name = (match["name"] or "").lower()
    if name == "br":
        return "\n"
    return "\n\n" if name in BLOCKS else ""


def _storable(text: str) -> str:
    """``text`` without control characters but line breaks and tabs, surrogates replaced."""
    return _SURROGATE.sub("\ufffd", _UNSTORABLE.sub("", text))


def pairs(run: str) -> list[str]:
    """The overlapping character pairs of a CJK run; a run of one is that character."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


_WORD = re.compile(r"\w+")


class Tokenizer:
    """Split text into tokens: NFKC-normalized, case-folded, CJK runs as pairs.

    ``word`` turns one word (letters and digits, no CJK) into its token, or "" to drop
    it: the stop list and the stemmer live there. ``fold`` lowers the case
    (``str.casefold`` by default; ``str.lower`` keeps ß apart from ss).
    """

    def __init__(self, word: Callable[[str], str], *, fold: Callable[[str], str] = str.casefold):
        self.word = word
        self.fold = fold

    def __call__(self, text: str) -> list[str]:
        """The tokens of ``text``, in order, repeats kept."""
        found: list[str] = []
        for word in _WORD.findall(self.fold(unicodedata.normalize("NFKC", text))):
            if word.isascii():
                if token := self.word(word):
                    found.append(token)
            else:
                found.extend(self._mixed(word))
        return found

    def _mixed(self, word: str) -> list[str]:
        """Tokens of a word with non-ASCII letters: its CJK runs become pairs."""
        found: list[str] = []
        start = 0
        for run in CJK_RUN.finditer(word):
            found.append(self.word(word[start : run.start()]) if run.start() > start else "")
            found.extend(pairs(run.group()))
            start = run.end()
        found.append(self.word(word[start:]) if start < len(word) else "")
        return [token for token in found if token]
