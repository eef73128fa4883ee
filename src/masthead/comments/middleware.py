"""Middleware for commenters' cookies."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from masthead.comments import cookies


class CommenterCookieUpgrade:
    """Replace a remember-me cookie of the old kind (details, signed) with a key to them.

    Such cookies were issued for a year, so they are upgraded on whatever page the reader
    opens next rather than waiting for their next comment.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        cookies.upgrade_old_cookie(request, response)
        return response
