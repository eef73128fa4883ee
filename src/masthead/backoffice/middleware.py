"""Who is acting and from where, for the audit log, for the length of each request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from masthead.backoffice import audit


class AuditOrigin:
    """Make the request's user, client address and session ``audit.current_origin()``.

    Signals sent by the services (a story published, a role changed) carry no request;
    their receivers read who and from where here. Goes after ``AuthenticationMiddleware``,
    whose lazy ``request.user`` is kept as it is, so a request that logs nothing never
    loads the user for this.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        key = session.session_key if session is not None else None
        with audit.acting(user=user, ip=audit.client_ip(request), session=key):
            return self.get_response(request)
