"""Cache-Control and Vary for API answers, public or personal.

A reader's successful GET may be kept by browsers and a CDN for ``PUBLIC_SECONDS``;
anything a user or token asked for is ``private, no-cache``: kept by no shared cache and
checked again each time, which ``ETag`` (from ``ConditionalGetMiddleware``) makes cheap.
Writes and errors are ``no-store``. The page cache skips ``/api/`` altogether.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers
from rest_framework import exceptions
from rest_framework.request import Request

PUBLIC_SECONDS = 60


class HttpCaching:
    """Mixin for API views: set Cache-Control and Vary on every answer."""

    def finalize_response(
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        patch_vary_headers(response, ["Authorization", "Cookie"])
        if request.method not in ("GET", "HEAD") or response.status_code >= 500:
            patch_cache_control(response, no_store=True)
        elif _personal(request):
            patch_cache_control(response, private=True, no_cache=True)
        elif response.status_code in (200, 404):
            patch_cache_control(response, public=True, max_age=PUBLIC_SECONDS)
        else:
            patch_cache_control(response, no_store=True)
        return response


def _personal(request: Request) -> bool:
    """Whether a user or token was recognised; failing credentials make nobody.

    ``request.user`` authenticates if the view has not yet, and a bad token raises there;
    this runs after the view's error handling, so such an error would become a 500.
    """
    try:
        user = getattr(request, "user", None)
    except exceptions.APIException:
        return False
    return bool(user is not None and user.is_authenticated)
