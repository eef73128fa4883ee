"""Readable, Unicode-aware slugs that are never empty."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.utils.text import slugify

MAX_LENGTH = 80


def make_slug(text: str, *, max_length: int = MAX_LENGTH, fallback_prefix: str = "post") -> str:
    """Return a URL slug for ``text``.

    Letters of every script survive (``杭州成为人工智能创新中心`` stays readable); a text with
    no letters or digits at all (only emoji, say) gets a stable fallback derived from its
    hash, so the same title always gives the same slug.
    """
    slug = slugify(text, allow_unicode=True)[:max_length].strip("-_")
    if slug:
        return slug
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{fallback_prefix}-{digest}"


def unique_slug(base: str, *, taken: Callable[[str], bool], max_length: int = MAX_LENGTH) -> str:
    """Return ``base``, or ``base-2``, ``base-3``… the first that ``taken`` rejects not."""
    if not taken(base):
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        if not taken(candidate):
            return candidate
        n += 1
