"""Open forms: who is editing a story, and the autosaved text offered back after a crash.

The back office's story form calls ``open_story`` when it is shown, ``autosave`` every 30
seconds while it stays open (with what was typed, or nothing when the form is unchanged:
the call then only says the person is still there) and ``close_story`` once the story is
saved. Someone not seen for ``PRESENCE_SECONDS`` has left; their typed text stays until
they come back to it, save or discard it, or ``forget_stale`` removes it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.db import transaction

from masthead.articles.models import Article, EditSession
from masthead.core import clock

# Two missed pings (every 30 s) and a margin: after that the person has gone.
PRESENCE_SECONDS = 75
# The form's fields an autosave keeps, and how much of each: what a story may hold.
TYPED_FIELDS = {
    "title": 300, "slug": 100, "dek": 600, "body": 1_000_000, "credit_line": 200,
    "source_url": 500, "language": 35, "published_at_0": 20, "published_at_1": 20,
}  # fmt: skip
# Typed text not saved nor looked at for this long is dropped by ``forget_stale``.
KEEP_TYPED = timedelta(days=30)
FORGOTTEN_KEY = "masthead:articles:edit-sessions-forgotten"


def _session(user: Any, article: Article | None) -> EditSession:
    """``user``'s session on ``article``, its "since" restarted if they had left."""
    now = clock.now()
    session, created = EditSession.objects.get_or_create(
        user=user, article=article, defaults={"opened_at": now, "seen_at": now}
    )
    if not created and now - session.seen_at > timedelta(seconds=PRESENCE_SECONDS):
        session.opened_at = now
    session.seen_at = now
    return session


@transaction.atomic
def open_story(*, user: Any, article: Article | None) -> EditSession:
    """Note that ``user`` opened ``article``'s form (None: a new story) and return the session.

    Coming back after having left starts a new stretch of editing ("since" is now).
    """
    session = _session(user, article)
    session.save(update_fields=["opened_at", "seen_at"])
    return session


@transaction.atomic
def autosave(
    *, user: Any, article: Article | None, typed: dict[str, str], base_version: int
) -> EditSession:
    """Keep what ``user`` typed in ``article``'s form (fields of ``TYPED_FIELDS`` only).

    An empty ``typed`` leaves the kept text alone and only marks the person as present.
    """
    session = _session(user, article)
    fields = ["opened_at", "seen_at"]
    kept = {name: str(typed[name])[:most] for name, most in TYPED_FIELDS.items() if name in typed}
    if kept:
        session.typed, session.typed_at = kept, session.seen_at
        session.base_version = base_version
        fields += ["typed", "typed_at", "base_version"]
    session.save(update_fields=fields)
    return session


def close_story(*, user: Any, article: Article | None, saved: Article | None = None) -> None:
    """Forget ``user``'s typed text for ``article`` once saved (or discarded); stay present.

    ``saved`` is the story a new-story form became: the person is now on that one.
    """
    EditSession.objects.filter(user=user, article=article).update(typed={}, typed_at=None)
    if saved is not None and article is None:
        EditSession.objects.filter(user=user, article=None).delete()
        open_story(user=user, article=saved)


def others_editing(*, article: Article, user: Any) -> list[EditSession]:
    """The people other than ``user`` with ``article``'s form open now, earliest first."""
    since = clock.now() - timedelta(seconds=PRESENCE_SECONDS)
    return list(
        EditSession.objects.filter(article=article, seen_at__gte=since)
        .exclude(user=user)
        .select_related("user")
        .order_by("opened_at")
    )


def unsaved(*, user: Any, article: Article | None) -> EditSession | None:
    """``user``'s kept text for ``article`` when there is some, else None."""
    return (
        EditSession.objects.filter(user=user, article=article, typed_at__isnull=False)
        .exclude(typed={})
        .first()
    )


def forget_stale(*, older_than: timedelta = KEEP_TYPED) -> int:
    """Delete sessions not seen for ``older_than``, typed text and all; return how many."""
    deleted, _ = EditSession.objects.filter(seen_at__lt=clock.now() - older_than).delete()
    return deleted


def forget_stale_if_due() -> int:
    """Run ``forget_stale`` if it has not run in the last day (one cache write otherwise)."""
    if not cache.add(FORGOTTEN_KEY, True, 24 * 3600):
        return 0
    return forget_stale()
