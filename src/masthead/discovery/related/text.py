"""Turn an article into a bag of weighted tokens: pure functions, no database.

    >>> tokens("The chips' prices are rising in Taipei")
    ['chip', 'price', 'rising', 'taipei']
    >>> tokens("台积电扩产")
    ['台积', '积电', '电扩', '扩产']

Words are lower-cased (Unicode case folding), English stop words and bare numbers are
dropped, and plurals lose their ending with the "S-stemmer" (Harman, 1991): it merges
``chips`` with ``chip`` and ``batteries`` with ``battery`` and otherwise leaves words
alone. Runs of Chinese, Japanese and Korean characters become overlapping pairs of
characters (bigrams), the usual dictionary-free way to index them (``core.text.Tokenizer``
does the splitting; the stop list and the stemmer are this module's).

``document`` counts an article's tokens with its headline worth more than its
standfirst, and that worth more than its body; each tag becomes the token ``#<tag id>``
(tags are compared by identity, not by name).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from masthead.core.text import Tokenizer

MAX_TOKEN = 40  # longer "words" are URLs, hashes or glued text, not vocabulary

# English function words, and the pieces of web addresses pasted into text.
_STOP_LIST = """
    a about above after again against all almost also although am among an and another any
    are aren around as at be became because been before being below between both but by
    can cannot could couldn did didn do does doesn doing don done down during each either
    else even ever every few for from further get gets got had hadn has hasn have haven
    having he her here hers herself him himself his how however i if in into is isn it its
    itself just last least less let like ll made make many may me might more most much must
    my myself near need neither never new next no nor not now of off often on once one only
    onto or other others otherwise our ours ourselves out over own per put quite rather re
    really s said same say says see seem seemed seems several shall she should shouldn since
    so some still such t than that the their theirs them themselves then there these they
    this those though through thus to too two under until up upon us ve very via was wasn
    we were weren what when where whether which while who whom whose why will with within
    without won would wouldn yet you your yours yourself yourselves
    http https www com org net html
"""
STOP_WORDS = frozenset(_STOP_LIST.split())


@lru_cache(maxsize=1 << 16)
def _token(word: str) -> str:
    """The token one word stands for, or "" if it is not worth indexing.

    Cached: a site's vocabulary is small next to its running text, and a rebuild
    meets the same few thousand words millions of times.
    """
    word = word.strip("_")
    if len(word) < 2 or len(word) > MAX_TOKEN or word.isdigit() or word in STOP_WORDS:
        return ""
    stem = plural_stem(word)
    return "" if stem in STOP_WORDS else stem


def plural_stem(word: str) -> str:
    """``word`` without an English plural ending: ``batteries`` → ``battery``."""
    if len(word) <= 3 or not word.isascii() or not word.endswith("s"):
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith(("es",)) and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


tokens = Tokenizer(_token)
"""The index tokens of a text, in order, repeats kept (see the module docstring)."""


@dataclass(frozen=True)
class Weights:
    """How many times a token counts, by where it appears (a knob of ``Engine``)."""

    title: int = 3
    dek: int = 2
    body: int = 1
    tag: int = 3
    # Only the start of a long body counts: news puts what a story is about up top.
    body_tokens: int = 1500


def document(
    *, title: str, dek: str, body: str, tag_ids: Iterable[int], weights: Weights = Weights()
) -> Counter[str]:
    """Count the tokens of one article, each multiplied by where it appears."""
    counts = Counter(tokens(body)[: weights.body_tokens])
    if weights.body != 1:
        counts = Counter({token: n * weights.body for token, n in counts.items()})
    for text, worth in ((title, weights.title), (dek, weights.dek)):
        for token in tokens(text):
            counts[token] += worth
    for tag_id in tag_ids:
        counts[tag_token(tag_id)] += weights.tag
    return counts


def tag_token(tag_id: int) -> str:
    """The token that stands for the tag ``tag_id`` (no word can start with ``#``)."""
    return f"#{tag_id}"


def is_tag(token: str) -> bool:
    return token.startswith("#")
