"""Rate limits, counted in the cache: per IP address for readers, per token for programs.

The rates are ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``anon``, ``token``), read at
each request, so a settings change (or a test's override) takes effect at once.
"""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from masthead.api.models import ApiToken


class _LiveRates(SimpleRateThrottle):
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonymousRate(_LiveRates):
    """Requests without a user: counted per client IP address (``REMOTE_ADDR``)."""

    scope = "anon"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenRate(_LiveRates):
    """Authenticated requests: counted per token, or per user for a session."""

    scope = "token"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        auth = request.auth
        ident = f"t{auth.pk}" if isinstance(auth, ApiToken) else f"u{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
