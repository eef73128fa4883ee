"""Text as the search index sees it: CJK words split apart, pairs of CJK characters.

Chinese and Japanese are written without spaces, and both SQLite's ``unicode61``
tokenizer and PostgreSQL's parser take a whole run of CJK characters for one word, so
杭州 would never be found inside 杭州成为人工智能创新中心. Two things fix that, at index
time and at query time alike:

- ``segment`` splits every run of CJK characters into words with jieba (a Chinese
  dictionary segmenter) and puts spaces between them: 杭州 成为 人工智能 创新 中心.
  Japanese kanji are segmented the same way; kana, which jieba does not know, come out
  one character at a time.
- ``bigrams`` writes every run as its overlapping character pairs (人工 工智 智能, plus
  the last character alone). A query's run becomes the phrase of its pairs, so any part
  of a word is found, whatever the segmenter made of it: 智能 inside 人工智能, a kana
  word inside a Japanese sentence. This is how Lucene's CJK analyzer works.

    >>> segment("AI技术在杭州")
    'AI 技术 在 杭州'
    >>> bigrams("人工智能")
    '人工 工智 智能 能'

jieba is loaded on first use from the dictionary inside its package (nothing is
downloaded), with its chatter on standard error silenced.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from masthead.core.text import UNSPACED

# Han and kana only: Korean puts spaces between its words, so both tokenizers split it.
_RUN = re.compile(f"[{UNSPACED}]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# A space that segmenting put between two CJK characters (a snippet marker may stand on
# either side of it).
_INSERTED_SPACE = re.compile(f"([{UNSPACED}][\x02\x03]?) (?=[\x02\x03]?[{UNSPACED}])")

_lock = threading.Lock()
_tokenizer: Any = None


def clean(text: str) -> str:
    """``text`` without control characters (the snippet markers among them)."""
    return _CONTROL.sub(" ", text)


def words(run: str) -> list[str]:
    """The words jieba finds in ``run``, a run of CJK characters."""
    return [w for w in _jieba().cut(run, HMM=True) if w.strip()]


def segment(text: str) -> str:
    """``text`` with each CJK run split into words by spaces (and from letters next to it)."""
    text = clean(text)

    def split(match: re.Match[str]) -> str:
        before = " " if _letter_at(text, match.start() - 1) else ""
        after = " " if _letter_at(text, match.end()) else ""
        return before + " ".join(words(match.group())) + after

    return _RUN.sub(split, text)


def _letter_at(text: str, index: int) -> bool:
    """Whether ``text[index]`` is a letter or digit (a tokenizer would glue it to CJK)."""
    return 0 <= index < len(text) and text[index].isalnum()


def grams(run: str) -> list[str]:
    """The overlapping character pairs of ``run``, then its last character alone."""
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]] if run else []


def bigrams(text: str) -> str:
    """Every CJK run in ``text`` as its pairs (see ``grams``), space-separated."""
    return " ".join(" ".join(grams(m.group())) for m in _RUN.finditer(text))


def desegment(text: str) -> str:
    """Take out the spaces ``segment`` put between CJK characters (for snippets)."""
    return _INSERTED_SPACE.sub(r"\1", text)


def _jieba() -> Any:
    """jieba's tokenizer, made on first use (it reads its dictionary once, ~0.5 s)."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            # jieba logs its loading to standard error at DEBUG level; keep it quiet.
            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _tokenizer = tokenizer
    return _tokenizer
