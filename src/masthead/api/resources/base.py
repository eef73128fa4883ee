"""What every resource's views share."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, viewsets
from rest_framework.request import Request

from masthead.api.headers import HttpCaching


class MethodsFirst:
    """Answer 405 to a method the endpoint lacks before asking what the caller may do.

    DRF checks permissions first, so a reader sending DELETE to a read-only listing would
    hear "401, log in" for something no login can allow. Credentials that were sent are
    still checked first: a bad token hears 401 and a session without its CSRF token 403,
    whatever the method, so a caller learns nothing about an endpoint with broken keys.
    """

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        method = (request.method or "").lower()
        if method != "options" and not hasattr(self, method):
            self.perform_authentication(request)  # type: ignore[attr-defined]
            raise exceptions.MethodNotAllowed(request.method or "")
        super().initial(request, *args, **kwargs)  # type: ignore[misc]


class ReadOnlyResource(MethodsFirst, HttpCaching, viewsets.ReadOnlyModelViewSet):
    """A listing and its detail pages, open to everyone."""


class Resource(MethodsFirst, HttpCaching, viewsets.GenericViewSet):
    """A resource that picks its own actions (reads, writes) from DRF's mixins."""
