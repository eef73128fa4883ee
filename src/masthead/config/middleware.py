"""Requests the site refuses before any view: too large (413), or a NUL in the query (400).

Request size: forms read what they can judge, and anything larger hears a 413 that says why.

Django refuses form fields past ``DATA_UPLOAD_MAX_MEMORY_SIZE`` with a bare "Bad Request
(400)" page, and the reader's text is lost. The settings raise that read limit to 16 MB,
so a too-long comment or headline reaches its form, which answers beside the field with
the text kept. A request declaring more than ``REQUEST_MAX_BYTES`` (32 MB, files
included) is refused before its body is read; one whose fields still pass the read limit
gets the same explained 413 instead of Django's 400.

A NUL character in the query string (``%00``, which no link or form of a browser sends)
is refused with a 400 that says so: PostgreSQL cannot hold NUL in text, so a search box
of the back office given one failed with a 500 there (Django's forms refuse NUL, its
admin's search does not).
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

PROBLEM = "application/problem+json"


class RequestSizeLimit:
    """Answer 413, with a page or an API problem that gives the limit, to oversized requests."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = declared_length(request)
        if length > settings.REQUEST_MAX_BYTES:
            return too_large(request)
        response = self.get_response(request)
        # Django turns RequestDataTooBig into a 400 before any middleware sees it.
        if response.status_code == 400 and length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return too_large(request)
        return response


def declared_length(request: HttpRequest) -> int:
    """The body's size as the client declared it (0 when it did not, or lied in words)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def too_large(request: HttpRequest) -> HttpResponse:
    """The 413 answer: an RFC 9457 problem under /api/, a page elsewhere."""
    limit = f"{settings.REQUEST_MAX_BYTES // (1024 * 1024)} MB"
    fields = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)} MB"
    if request.path.startswith("/api/"):
        detail = (
            f"The request is larger than this site accepts ({fields} of fields, {limit} in all)."
        )
        return problem(413, detail, request.get_full_path(), title="Content Too Large")
    page = render_to_string("413.html", {"limit": limit, "fields": fields})
    response = HttpResponse(page, status=413)
    response["Cache-Control"] = "no-store"
    return response


class NulInQuery:
    """Answer 400, saying why, to a back-office or API request whose query holds a NUL.

    Django's admin searches and the API's filters would take it to the database, where
    PostgreSQL refuses it with an error (a 500). The public pages read their parameters
    themselves and answer every query with a page (a search for a NUL finds nothing).
    """

    PREFIXES = ("/admin/", "/api/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(self.PREFIXES) and any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            return refused(
                request, "The address holds a NUL character (%00), which is never valid here."
            )
        return self.get_response(request)


def refused(request: HttpRequest, detail: str) -> HttpResponse:
    """A 400 that says why: an RFC 9457 problem under /api/, plain text elsewhere."""
    if request.path.startswith("/api/"):
        return problem(400, detail, request.path)
    return HttpResponse(detail, status=400, content_type="text/plain; charset=utf-8")


def problem(status: int, detail: str, instance: str, *, title: str = "") -> JsonResponse:
    """An RFC 9457 problem as the API words one: its title the status's phrase unless given.

    For answers made outside the API's views (its own exception handler words the rest).
    """
    body = {"type": "about:blank", "title": title or HTTPStatus(status).phrase,
            "status": status, "detail": detail, "instance": instance}  # fmt: skip
    return JsonResponse(body, status=status, content_type=PROBLEM)
