"""What the classifier sees in a comment: its words and a few telling features.

``tokens(comment)`` is pure (no database), so it is cheap to test and to reason about.
Words are bare (``casino``); features have a prefix and a colon (``link:example.com``),
which no word contains, so the two never collide, and nothing is ever ``*``, the row
that counts lessons.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from masthead.comments.models import Comment

WORD = re.compile(r"\w+")
LINK = re.compile(r"(?:https?://|\bwww\.)[^\s<>\"'()\[\]]*", re.IGNORECASE)

MIN_WORD, MAX_WORD = 2, 40
"""Shorter words say nothing; longer ones are hashes, base64 or keyboard mashing."""
MAX_WORDS = 300
"""Distinct body words kept, in order of appearance: a 10,000-character essay costs no more."""
MAX_DOMAINS = 10
MAX_NAME_WORDS = 5
MAX_LENGTH = 100
"""``ClassifierToken.token``'s max_length."""

# (upper bound, label) pairs: a value gets the first label whose bound it is under.
LINK_COUNTS = ((1, "0"), (2, "1"), (4, "2-3"))
BODY_LENGTHS = ((20, "0-19"), (80, "20-79"), (300, "80-299"), (1000, "300-999"))
CAPITAL_SHARES = ((0.05, "0-4%"), (0.2, "5-19%"), (0.5, "20-49%"))


def tokens(comment: Comment) -> frozenset[str]:
    """The tokens of ``comment`` the classifier counts: body words plus features."""
    body = comment.body or ""
    links = LINK.findall(body)
    found = [
        *words(body, MAX_WORDS),
        *(f"link:{d}" for d in list(dict.fromkeys(_domains(links)))[:MAX_DOMAINS]),
        f"links:{bucket(len(links), LINK_COUNTS, '4+')}",
        *_website(comment.author_url),
        f"email:{comment.author_email.rpartition('@')[2].strip().lower() or 'none'}",
        *(f"name:{w}" for w in words(comment.author_name or "", MAX_NAME_WORDS)),
        f"length:{bucket(len(body), BODY_LENGTHS, '1000+')}",
        f"caps:{_capitals(body)}",
        f"agent:{'yes' if (comment.user_agent or '').strip() else 'no'}",
    ]
    return frozenset(token[:MAX_LENGTH] for token in found)


def words(text: str, limit: int) -> list[str]:
    """The distinct lower-case words of ``text`` that are 2 to 40 characters, at most ``limit``."""
    kept: dict[str, None] = {}
    for match in WORD.finditer(text.lower()):
        if MIN_WORD <= len(word := match.group()) <= MAX_WORD:
            kept[word] = None
            if len(kept) == limit:
                break
    return list(kept)


def bucket(value: float, bounds: Iterable[tuple[float, str]], rest: str) -> str:
    """The label of the first bound ``value`` is under, else ``rest``."""
    return next((label for bound, label in bounds if value < bound), rest)


def domain(url: str) -> str:
    """The lower-case host of ``url`` without ``www.``, or "" if there is none."""
    if not url.lower().startswith(("http://", "https://")):
        url = f"http://{url}"
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a malformed IPv6 address or port
        return ""
    return host.removeprefix("www.")


def _domains(links: Iterable[str]) -> Iterator[str]:
    return (d for d in map(domain, links) if d)


def _website(url: str) -> list[str]:
    url = (url or "").strip()
    if not url:
        return ["website:no"]
    host = domain(url)
    return ["website:yes", f"site:{host}"] if host else ["website:yes"]


def _capitals(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "none"
    share = sum(c.isupper() for c in letters) / len(letters)
    return bucket(share, CAPITAL_SHARES, "50%+")
