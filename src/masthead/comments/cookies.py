"""The two cookies a commenter may carry; neither holds anything personal in readable form.

``masthead_commenter``
    A random key (32 characters) to the reader's name, email and website, which stay on
    the server in Django's database session table, for a year after they were last saved.
    Stored only when the reader ticks "Save my name…"; an unticked box deletes the row and
    the cookie. The form is filled in from it on the server. Cookies issued before held
    the details themselves, signed but readable; ``CommenterCookieUpgrade`` swaps such a
    cookie for a key on the reader's next visit.
``masthead_pending``
    The ids of the reader's own comments that wait for moderation, so they see them
    (marked "awaiting moderation") and nobody else does.

Carrying either keeps the reader out of the shared page cache (``PAGE_CACHE_SKIP_COOKIES``):
their pages are theirs alone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core import signing
from django.http import HttpRequest, HttpResponse

COMMENTER = "masthead_commenter"
PENDING = "masthead_pending"
COMMENTER_SALT = "masthead.comments.commenter"
PENDING_SALT = "masthead.comments.pending"
COMMENTER_MAX_AGE = 365 * 24 * 3600
PENDING_MAX_AGE = 30 * 24 * 3600
PENDING_KEEP = 20
DETAILS = "masthead_commenter"
FIELDS = ("name", "email", "url")


def remember_commenter(
    request: HttpRequest, response: HttpResponse, *, name: str, email: str, url: str
) -> None:
    """Store the commenter's details on the server, under a new key sent as the cookie."""
    _drop_stored(request)  # a new key each time: one leaked earlier opens nothing
    # Always the database store, whatever SESSION_ENGINE says: a cookie-based engine would
    # put the details back into the browser.
    store = SessionStore()
    store[DETAILS] = {"name": name, "email": email, "url": url}
    store.set_expiry(COMMENTER_MAX_AGE)
    store.create()
    _set(response, COMMENTER, store.session_key or "", COMMENTER_MAX_AGE)


def forget_commenter(request: HttpRequest, response: HttpResponse) -> None:
    """Delete the stored details and the cookie, if there are any."""
    if COMMENTER in request.COOKIES:
        _drop_stored(request)
        response.delete_cookie(COMMENTER, samesite="Lax")


def remembered_commenter(request: HttpRequest) -> dict[str, str]:
    """The stored details (name, email, url), or {} without a valid cookie."""
    raw = request.COOKIES.get(COMMENTER, "")
    if _is_old(raw):
        data = _load(request, COMMENTER, COMMENTER_SALT, COMMENTER_MAX_AGE)
    else:
        data = SessionStore(session_key=raw).get(DETAILS) if raw else None
    if not isinstance(data, dict):
        return {}
    return {k: str(data.get(k, ""))[:300] for k in FIELDS}


def upgrade_old_cookie(request: HttpRequest, response: HttpResponse) -> None:
    """Swap a cookie that carries the details (signed, readable) for a key to them."""
    if not _is_old(request.COOKIES.get(COMMENTER, "")) or COMMENTER in response.cookies:
        return
    details = remembered_commenter(request)
    if details:
        remember_commenter(request, response, **details)
    else:
        response.delete_cookie(COMMENTER, samesite="Lax")


def _is_old(raw: str) -> bool:
    # A signed value is "payload:timestamp:signature"; a session key has no colon.
    return ":" in raw


def _drop_stored(request: HttpRequest) -> None:
    raw = request.COOKIES.get(COMMENTER, "")
    if raw and not _is_old(raw):
        SessionStore(session_key=raw).delete()


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
