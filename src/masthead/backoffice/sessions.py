"""The session engine (``SESSION_ENGINE``), and ending someone's sessions.

Sessions live in ``StaffSession``, Django's database sessions with the owner's id in a
column. Signed-in people are the only ones with a session: remembered commenters'
details stay in Django's own table (``comments.cookies``), which ``clear_expired``
(``masthead clearsessions``) keeps tidy too.

A role change or a new password ends the member's sessions. Django already refuses a
session whose password hash is stale (``get_session_auth_hash``), so a new password ends
the other sessions at their next request; deleting their rows makes it so at once, and for
a role change, which that hash does not see, it is the only way. The session acting now
(``audit.current_origin().session``) is spared: an administrator changing their own role
or password stays signed in here.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db

from masthead.backoffice import audit
from masthead.backoffice.models import StaffSession
from masthead.core import clock


class SessionStore(db.SessionStore):
    """Django's database store, writing the owner's id beside the signed data."""

    @classmethod
    def get_model_class(cls) -> type[StaffSession]:
        return StaffSession

    def create_model_instance(self, data: dict[str, Any]) -> StaffSession:
        session = cast(StaffSession, super().create_model_instance(data))
        owner = str(data.get(SESSION_KEY, ""))
        session.user_id = int(owner) if owner.isdigit() else None
        return session

    @classmethod
    def clear_expired(cls) -> None:
        super().clear_expired()
        db.SessionStore.clear_expired()  # the commenters' details, in Django's own table


def end_sessions(*, user: Any, why: str, keep: str | None = None) -> int:
    """Delete every unexpired session of ``user`` but ``keep``; return how many.

    ``why`` goes into the audit log.
    """
    live = StaffSession.objects.filter(user_id=user.pk, expire_date__gt=clock.now())
    ended = list(live.exclude(session_key=keep or "").values_list("session_key", flat=True))
    for key in ended:
        SessionStore(session_key=key).delete()
    if ended:
        audit.record(
            action=audit.Action.SESSIONS_ENDED,
            obj=user,
            detail={"sessions": len(ended), "why": why},
        )
    return len(ended)
