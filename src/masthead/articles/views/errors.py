"""Friendly error pages that never fail themselves."""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader

from masthead.articles import pagetags
from masthead.config.middleware import problem
from masthead.core.outages import Outage, outage_of


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 page, with the site's header, menu and a way back."""
    pagetags.show(request, pagetags.NOTFOUND)
    html = loader.render_to_string("404.html", {"request_path": request.path}, request)
    return HttpResponseNotFound(html)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page: rendered without the database, since that may be what broke.

    Django calls it while handling the exception, so it can tell a database that did not
    answer (503, try again soon) or a full disk (507) from a bug (500).
    """
    outage = outage_of(sys.exc_info()[1])
    if outage is not None:
        return outage_response(request, outage)
    return HttpResponseServerError(loader.render_to_string("500.html"))


def outage_response(request: HttpRequest, outage: Outage) -> HttpResponse:
    """The answer to a request that failed on ``outage``: a problem under /api/, else a page."""
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = problem(outage.status, outage.detail, request.get_full_path())
    else:
        page = loader.render_to_string("outage.html", {"outage": outage})
        response = HttpResponse(page, status=outage.status)
    if outage.retry_after is not None:
        response["Retry-After"] = str(outage.retry_after)
    response["Cache-Control"] = "no-store"
    return response
