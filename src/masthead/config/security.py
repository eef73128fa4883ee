"""Security headers and cookie flags on every response (docs/security.md, "Headers and cookies").

Three areas get three Content-Security-Policies, each the strictest it can live with:
the public site (``CONTENT_SECURITY_POLICY``), the back office under /admin/
(``CSP_BACK_OFFICE``) and the API under /api/ (``CSP_API``). django-csp builds the header;
``AreaPolicy`` only picks the policy by path. Nonces are made only where a template asks
for one (``request.csp_nonce``); pages that use one are never stored by the page cache,
which replays a page without its policy so that this middleware writes it afresh.

``Hardening`` adds what neither Django nor django-csp does: ``Permissions-Policy``, and
``Secure`` on every cookie of a response served over HTTPS (``request.is_secure()``,
which honours ``BEHIND_HTTPS_PROXY``), so a site reached over HTTPS never sends its
session in the clear, whatever ``SECURE_COOKIES`` says.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from functools import cache
from typing import Any

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.loader import get_template

from masthead.core import sanitize

# The error page that needs nothing (500, 403 CSRF, 413) carries its styles inline: their
# hash is allowed, so they apply under a policy without 'unsafe-inline'.
STANDALONE_CSS = "articles/standalone_error.css"


class AreaPolicy(CSPMiddleware):
    """django-csp's middleware, with the back office's and the API's own policies."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts  # a view chose its own policy (django-csp's decorators)
        path = request.path_info
        if path.startswith("/api/"):
            parts.config = dict(settings.CSP_API["DIRECTIVES"])
        elif path.startswith("/admin/"):
            parts.config = dict(settings.CSP_BACK_OFFICE["DIRECTIVES"])
        else:
            parts.config = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
        if "style-src" in parts.config:
            parts.config["style-src"] = [*parts.config["style-src"], standalone_style_hash()]
            parts.config["style-src-attr"] = ["'unsafe-hashes'", *body_style_hashes()]
        return parts


@cache
def standalone_style_hash() -> str:
    """The CSP source that allows the standalone error page's inline ``<style>``."""
    return sha256_source(get_template(STANDALONE_CSS).template.source)  # type: ignore[attr-defined]


@cache
def body_style_hashes() -> tuple[str, ...]:
    """The CSP sources that allow the style attributes the sanitizer keeps (table alignment).

    With 'unsafe-hashes', exactly these attribute values apply; any other style attribute
    (one a stored body kept from before, one a script sets) is refused.
    """
    return tuple(sha256_source(value) for value in sanitize.STYLE_ATTRIBUTES)


def sha256_source(text: str) -> str:
    """``text``'s hash as a CSP source expression."""
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class Hardening:
    """Permissions-Policy on every response; Secure on every cookie sent over HTTPS."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", permissions_policy())
        if request.is_secure():
            secure_cookies(response)
        return response


def permissions_policy() -> str:
    """``PERMISSIONS_POLICY`` as a header: each feature denied, or allowed to the listed."""
    policy: dict[str, list[str]] = settings.PERMISSIONS_POLICY
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


def secure_cookies(response: Any) -> None:
    """Mark every cookie ``response`` sets (or deletes) Secure."""
    for morsel in response.cookies.values():
        morsel["secure"] = True
