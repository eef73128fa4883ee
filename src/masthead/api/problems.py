"""Every error as an RFC 9457 problem: ``application/problem+json``.

A problem has ``type``, ``title``, ``status``, ``detail`` and ``instance`` (the path
asked for); an invalid request adds ``errors``, the messages for each parameter or
field by name. ``type`` is ``about:blank``: the status code says what kind of problem it
is, and ``title`` is its standard phrase.

    {"type": "about:blank", "title": "Bad Request", "status": 400,
     "detail": "Invalid published_after.", "instance": "/api/v1/articles/?published_after=x",
     "errors": {"published_after": ["Datetime has wrong format. …"]}}
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from rest_framework import exceptions, views
from rest_framework.request import Request
from rest_framework.response import Response

from masthead.api.headers import HttpCaching
from masthead.api.openapi import exclude
from masthead.core.outages import outage_of

MEDIA_TYPE = "application/problem+json"
logger = logging.getLogger("masthead.api")


def handle_exception(exc: Exception, context: dict[str, Any]) -> Response:
    """DRF's ``EXCEPTION_HANDLER``: turn any exception into a problem response."""
    response = views.exception_handler(exc, context)
    errors = None
    outage = outage_of(exc) if response is None else None
    if outage is not None:
        # The database did not answer, or the disk is full: not a bug, and said so.
        logger.error("The API could not finish a request: %s", outage.title, exc_info=exc)
        views.set_rollback()
        response = Response(status=outage.status)
        if outage.retry_after is not None:
            response["Retry-After"] = str(outage.retry_after)
        detail = outage.detail
    elif response is None:
        # Not an error DRF knows: a bug. Log it with its traceback, answer 500, roll back.
        logger.error("Unhandled error in the API", exc_info=exc)
        views.set_rollback()
        response = Response(status=500)
        detail = "Something went wrong on our side; it has been logged."
    elif isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        detail = f"Invalid {', '.join(errors)}."
    else:
        # Django's PermissionDenied (a service's refusal) carries its message as an argument.
        said = getattr(exc, "detail", None) or (exc.args[0] if exc.args else "")
        detail = str(said) or HTTPStatus(response.status_code).phrase
    request: Request | None = context.get("request")
    response.data = problem(
        response.status_code, detail, instance=request.get_full_path() if request else None
    )
    if errors is not None:
        response.data["errors"] = errors
    response.content_type = MEDIA_TYPE
    return response


def problem(status: int, detail: str, *, instance: str | None = None) -> dict[str, Any]:
    """The members of a problem with ``status``."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance is not None:
        body["instance"] = instance
    return body


def _field_errors(detail: Any) -> dict[str, Any]:
    """Messages by field name; errors not tied to a field go under ``non_field_errors``."""
    if isinstance(detail, dict):
        return {name: _plain(messages) for name, messages in detail.items()}
    return {"non_field_errors": _plain(detail)}


def _plain(messages: Any) -> Any:
    """Messages as plain lists, dicts and strings (``ErrorDetail`` carries a code too)."""
    if isinstance(messages, dict):
        return {str(k): _plain(v) for k, v in messages.items()}
    if isinstance(messages, list):
        return [_plain(m) for m in messages]
    return str(messages)


@exclude
class NoSuchEndpoint(HttpCaching, views.APIView):
    """Any path under ``/api/v1/`` that names no endpoint: a 404 problem, whatever the method."""

    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound("There is no such endpoint; see /api/v1/openapi.json.")
