"""``Authorization: Bearer mh_…``: a token authenticates as its user."""

from __future__ import annotations

from typing import Any

from rest_framework import authentication, exceptions
from rest_framework.request import Request

from masthead.api import services
from masthead.api.models import ApiToken

KEYWORD = "bearer"


class TokenAuthentication(authentication.BaseAuthentication):
    """Bearer tokens issued in the back office (see ``services.issue_token``).

    A request without an ``Authorization`` header is left to the next authenticator
    (the session, which keeps Django's CSRF check); a malformed or unknown token is a 401.
    """

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as “Authorization: Bearer <token>”."
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The token is not valid.") from None
        token = services.authenticate(secret)
        if token is None:
            raise exceptions.AuthenticationFailed("The token is not valid or has been revoked.")
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Present, so DRF answers 401 (with this challenge) rather than 403 to strangers.
        return 'Bearer realm="api"'
