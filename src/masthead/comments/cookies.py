"""The two cookies a commenter may carry, both signed and readable only by the server.

``masthead_commenter``
    Name, email and website, stored only when the reader ticks "Save my name…"; an
    unticked box deletes it. The form is filled in from it on the server.
``masthead_pending``
    The ids of the reader's own comments that wait for moderation, so they see them
    (marked "awaiting moderation") and nobody else does.

Carrying either keeps the reader out of the shared page cache (``PAGE_CACHE_SKIP_COOKIES``):
their pages are theirs alone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

COMMENTER = "masthead_commenter"
PENDING = "masthead_pending"
COMMENTER_SALT = "masthead.comments.commenter"
PENDING_SALT = "masthead.comments.pending"
COMMENTER_MAX_AGE = 365 * 24 * 3600
PENDING_MAX_AGE = 30 * 24 * 3600
PENDING_KEEP = 20


def remember_commenter(response: HttpResponse, *, name: str, email: str, url: str) -> None:
    """Store the commenter's details for their next comment."""
    value = signing.dumps({"name": name, "email": email, "url": url}, salt=COMMENTER_SALT)
    _set(response, COMMENTER, value, COMMENTER_MAX_AGE)


def forget_commenter(request: HttpRequest, response: HttpResponse) -> None:
    """Delete the stored details, if there are any."""
    if COMMENTER in request.COOKIES:
        response.delete_cookie(COMMENTER, samesite="Lax")


def remembered_commenter(request: HttpRequest) -> dict[str, str]:
    """The stored details (name, email, url), or {} without a valid cookie."""
    data = _load(request, COMMENTER, COMMENTER_SALT, COMMENTER_MAX_AGE)
    if not isinstance(data, dict):
        return {}
    return {k: str(data.get(k, ""))[:300] for k in ("name", "email", "url")}


def add_pending(request: HttpRequest, response: HttpResponse, comment_id: int) -> None:
    """Add ``comment_id`` to the reader's own comments awaiting moderation."""
    ids = [*pending_ids(request), comment_id][-PENDING_KEEP:]
    _set(response, PENDING, signing.dumps(ids, salt=PENDING_SALT), PENDING_MAX_AGE)


def pending_ids(request: HttpRequest) -> list[int]:
    """The ids in the reader's pending cookie (empty without a valid one)."""
    data = _load(request, PENDING, PENDING_SALT, PENDING_MAX_AGE)
    if not isinstance(data, list):
        return []
    return [i for i in data if isinstance(i, int)][-PENDING_KEEP:]


def _load(request: HttpRequest, name: str, salt: str, max_age: int) -> Any:
    raw = request.COOKIES.get(name)
    if not raw:
        return None
    try:
        return signing.loads(raw, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None


def _set(response: HttpResponse, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
