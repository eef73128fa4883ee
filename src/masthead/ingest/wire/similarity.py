"""Tell when two wire stories tell the same news, cheaply and without a model.

Each story becomes a set of *shingles*: pairs of neighbouring content words (small
words dropped, endings trimmed, so "councillors voted" and "the council voted" come
close), plus the content words themselves, plus numbers and names, which reworded
copies keep. Chinese, Japanese and Korean text, written without spaces, gives pairs of
neighbouring characters instead.

Comparing sets directly would mean reading every recent story for each new one. A
MinHash *signature* (``SIZE`` numbers) estimates the Jaccard similarity of two sets
from the share of positions where their signatures agree. We make it with one hash
per shingle (one-permutation hashing: the hash picks a position and competes for its
minimum; empty positions borrow from their right-hand neighbour), about a millisecond
a story. Cut into ``BANDS`` bands, equal bands point at the few recent stories worth
measuring (a locality-sensitive hash): with 32 bands of 4 rows, two stories 50 %
similar share a band 87 % of the time, two 20 % similar 5 % of the time, and only
those candidates are measured::

    >>> a = signature(shingles("Harbour bridge shut for repairs until Friday, council says"))
    >>> b = signature(shingles("Council says harbour bridge stays shut for repairs till Friday"))
    >>> c = signature(shingles("Storm warning issued for the northern coast"))
    >>> similarity(a, b) > 0.3, similarity(a, c) < 0.1
    (True, True)

Pure: text in, numbers out. Stable across processes and versions of Python (hashes
are BLAKE2b, not ``hash()``), so signatures can be stored.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import struct
import unicodedata
from collections.abc import Iterable

SIZE = 128
BANDS = 32
ROWS = SIZE // BANDS
_EMPTY = (1 << 64) - 1  # every position of an empty set's signature
_MASK = (1 << 63) - 1
# What a position borrowed from k places to its right adds, so borrowed values differ.
_OFFSET = 1 << 40
_PACK = struct.Struct(f"<{SIZE}Q")

_TOKEN = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")
_SMALL_WORDS = """
    a about after against all also an and any are as at be been before being but by can
    could did do does for from had has have he her his how i if in into is it its just may
    more most new no not now of on one or other our out over said says she so some such than
    that the their them then there these they this those through to told under up us was we
    were what when where which while who will with would year years you
    el la los las de del y en un una que por para con se su al es lo como más"""
STOPWORDS = frozenset(_SMALL_WORDS.split())
_SUFFIXES = ("ingly", "edly", "ing", "ers", "ies", "ed", "es", "er", "ly", "s")


def shingles(text: str) -> set[str]:
    """The features of ``text`` that reworded copies of a story keep (see the docstring)."""
    words = list(_words(text))
    features = set(words)
    features.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return features


def _words(text: str) -> Iterable[str]:
    """Content words in order: lower-cased, small words gone, endings trimmed; CJK pairs."""
    text = unicodedata.normalize("NFKC", text).lower()
    for token in _TOKEN.findall(text):
        if _CJK.search(token):
            yield from _cjk_pairs(token)
        elif token not in STOPWORDS and (len(token) > 1 or token.isdigit()):
            yield _stem(token)


def _cjk_pairs(token: str) -> Iterable[str]:
    for run in _CJK.findall(token):
        if len(run) == 1:
            yield run
        yield from (run[i : i + 2] for i in range(len(run) - 1))
    for other in _CJK.split(token):
        if other and other not in STOPWORDS:
            yield _stem(other)


def _stem(word: str) -> str:
    """Trim a common English ending, keeping at least four letters (crude, stable, enough)."""
    if word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def signature(features: Iterable[str]) -> tuple[int, ...]:
    """The MinHash signature of a set of features (see the module docstring)."""
    slots: list[int | None] = [None] * SIZE
    for feature in set(features):
        value = _hash(feature)
        slot, rank = value % SIZE, value // SIZE
        if slots[slot] is None or rank < slots[slot]:  # type: ignore[operator]
            slots[slot] = rank
    if all(v is None for v in slots):
        return (_EMPTY,) * SIZE
    return tuple(_borrowed(slots, i) for i in range(SIZE))


def _borrowed(slots: list[int | None], i: int) -> int:
    """Slot ``i``'s value, or the nearest filled slot's to its right, offset by the distance."""
    for distance in range(SIZE):
        value = slots[(i + distance) % SIZE]
        if value is not None:
            return value + distance * _OFFSET
    raise AssertionError("signature() checks that a slot is filled")


def _hash(feature: str) -> int:
    digest = hashlib.blake2b(feature.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1  # below 2**63: room for the offsets


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The estimated Jaccard similarity of the sets behind two signatures (0 to 1)."""
    if a[0] == _EMPTY or b[0] == _EMPTY:  # an empty text is like nothing else
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / SIZE


def band_keys(sig: tuple[int, ...]) -> list[int]:
    """One number per band (and band position): equal keys mark candidates to compare."""
    keys = []
    for band in range(BANDS):
        rows = sig[band * ROWS : (band + 1) * ROWS]
        data = struct.pack(f"<B{ROWS}Q", band, *rows)
        value = int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little") & _MASK
        keys.append(value - (1 << 62))  # fits a signed 64-bit column everywhere
    return keys


def pack(sig: tuple[int, ...]) -> bytes:
    """A signature as bytes, for the database."""
    return _PACK.pack(*sig)


def unpack(data: bytes | memoryview) -> tuple[int, ...]:
    """A signature back from ``pack``'s bytes."""
    return tuple(_PACK.unpack(bytes(data)))
