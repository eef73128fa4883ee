"""The back office's sign-in form, throttled by ``masthead.backoffice.logins``.

A name or an address under a lockout is refused before its password is checked; a
failure is counted whatever the name (an account's or nobody's), and the answer to it
is Django's one message for every wrong name or password, so nobody learns which names
exist. The admin site answers a refusal with HTTP 429 and ``Retry-After``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpResponse

from masthead.backoffice import audit, logins
from masthead.backoffice.models import SignInLockout
from masthead.core import clock

LOCKED = "locked"


class SignInForm(AdminAuthenticationForm):
    """Django's admin sign-in form, refusing names and addresses that failed too often."""

    lockout: SignInLockout | None = None

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if not username or not self.cleaned_data.get("password"):
            return super().clean()  # nothing tried: the fields say what is missing
        throttle, ip = logins.Throttle.from_settings(), audit.client_ip(self.request)
        if lockout := throttle.refusal(username=username, ip=ip):
            self._refuse(lockout)
        try:
            cleaned = super().clean()
        except ValidationError:
            # A wrong password, nobody's name, an inactive or non-staff account alike.
            started = throttle.failed(username=username, ip=ip)
            if started:
                self._refuse(started[0])
            raise
        throttle.succeeded(username=username)
        return cleaned

    def _refuse(self, lockout: SignInLockout) -> None:
        self.lockout = lockout
        raise ValidationError(logins.message(lockout), code=LOCKED)


def refused(response: HttpResponse) -> HttpResponse:
    """Make the sign-in page a 429 with ``Retry-After`` when its form was refused."""
    form = (getattr(response, "context_data", None) or {}).get("form")
    lockout = getattr(form, "lockout", None)
    if lockout is not None:
        response.status_code = 429
        response["Retry-After"] = str(max(1, int((lockout.until - clock.now()).total_seconds())))
    return response
