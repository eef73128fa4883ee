"""Ending someone's sessions: when their role changes and when their password does.

Django already refuses a session whose password hash is stale (``get_session_auth_hash``),
so a new password ends the other sessions at their next request; deleting their rows
makes it so at once, and for a role change, which that hash does not see, it is the only
way. The session acting now (``audit.current_origin().session``) is spared: an
administrator changing their own role or password stays signed in here.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY

from masthead.backoffice import audit
from masthead.core import clock

# Sessions are read this many at a time: their data is signed, so each must be decoded.
CHUNK = 500


def end_sessions(*, user: Any, why: str, keep: str | None = None) -> int:
    """Delete every unexpired session of ``user`` but ``keep``; return how many.

    Only for database-backed session engines (Masthead's default); with another engine
    nothing can be listed and 0 is returned. ``why`` goes into the audit log.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return 0
    model = store.get_model_class()
    owner = str(user.pk)
    live = model.objects.filter(expire_date__gt=clock.now()).exclude(session_key=keep or "")
    ended = [
        session.session_key
        for session in live.iterator(chunk_size=CHUNK)
        if str(session.get_decoded().get(SESSION_KEY)) == owner
    ]
    for key in ended:
        store(session_key=key).delete()  # through the store: cached_db has a copy cached
    if ended:
        audit.record(
            action=audit.Action.SESSIONS_ENDED,
            obj=user,
            detail={"sessions": len(ended), "why": why},
        )
    return len(ended)
