"""Every change to API tokens goes through these functions (the admin and tests call them)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction

from masthead.api.models import ApiToken
from masthead.core import clock

# Secrets look like ``mh_`` followed by 43 URL-safe characters (256 random bits).
SCHEME = "mh_"
PREFIX_LENGTH = 10
# ``last_used_at`` is written at most this often per token, not on every request.
USE_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    """A newly stored token and its secret, which is not stored and cannot be shown again."""

    token: ApiToken
    secret: str


def digest(secret: str) -> str:
    """The stored form of ``secret``.

    A fast hash suffices: the secrets are 256 random bits, so there is nothing to guess.
    """
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def issue_token(*, user: Any, name: str, token: ApiToken | None = None) -> IssuedToken:
    """Store a new token named ``name`` for ``user`` and return it with its secret.

    ``token``, when given, is the unsaved row to fill (the back office's form object).
    """
    secret = SCHEME + secrets.token_urlsafe(32)
    row = token or ApiToken()
    row.user, row.name = user, name
    row.prefix, row.digest = secret[:PREFIX_LENGTH], digest(secret)
    row.save()
    return IssuedToken(token=row, secret=secret)


def revoke_tokens(*, tokens: Iterable[ApiToken]) -> int:
    """Stop ``tokens`` from authenticating; return how many were still active."""
    ids = [t.pk for t in tokens]
    return ApiToken.objects.filter(pk__in=ids, revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )


def authenticate(secret: str) -> ApiToken | None:
    """The active token whose secret is ``secret``, with its user; None if there is none."""
    if not secret.startswith(SCHEME) or len(secret) > 200:
        return None
    token = ApiToken.objects.active().select_related("user").filter(digest=digest(secret)).first()
    if token is not None:
        note_use(token=token)
    return token


def note_use(*, token: ApiToken) -> None:
    """Record that ``token`` was used now (one UPDATE a minute at most per token)."""
    now = clock.now()
    if token.last_used_at is not None and now - token.last_used_at < USE_RESOLUTION:
        return
    token.last_used_at = now
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
