"""Who is acting and from where, for the audit log; who must set up two-factor sign-in."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import SimpleLazyObject

from masthead.backoffice import audit, twofactor


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


class TwoFactorGate:
    """Hold members who must set up two-factor sign-in (``MASTHEAD_2FA_REQUIRED_FOR``) to it.

    In the back office such a member reaches only the two-factor screens and "Log out":
    every other screen sends them to set it up. Everywhere else (the API's session
    authentication, previews of drafts) they are anonymous until they have. With the
    setting at "none" (the default) this does nothing and reads nothing. Goes after
    ``AuthenticationMiddleware``, keeping ``request.user`` lazy.
    """

    OPEN = frozenset({"twofactor", "twofactor_set_up", "twofactor_codes", "logout"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        policy = twofactor.Policy.from_settings()
        user = getattr(request, "user", None)
        if not policy.requires_anyone or user is None:
            return self.get_response(request)
        if request.path_info.startswith(reverse("admin:index")):
            if self._closed(request) and twofactor.must_enrol(user, policy):
                return HttpResponseRedirect(reverse("admin:twofactor"))
            return self.get_response(request)
        request.user = SimpleLazyObject(  # type: ignore[assignment]
            lambda: AnonymousUser() if twofactor.must_enrol(user, policy) else user
        )
        return self.get_response(request)

    def _closed(self, request: HttpRequest) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
        return match.url_name not in self.OPEN
