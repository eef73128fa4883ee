"""Friendly error pages that never fail themselves."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 page, with the site's header, menu and a way back."""
    html = loader.render_to_string("404.html", {"request_path": request.path}, request)
    return HttpResponseNotFound(html)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page: rendered without the database, since that may be what broke."""
    return HttpResponseServerError(loader.render_to_string("500.html"))
