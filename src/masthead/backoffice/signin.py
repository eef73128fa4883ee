"""The back office's sign-in: a password, then a code for those with two-factor sign-in.

A name or an address under a lockout is refused before its password is checked; a
failure is counted whatever the name (an account's or nobody's), and the answer to it
is Django's one message for every wrong name or password, so nobody learns which names
exist. The admin site answers a refusal with HTTP 429 and ``Retry-After``.

A member with two-factor sign-in (``masthead.backoffice.twofactor``) who gives the right
password is not signed in yet: the session holds only who they are, for
``Policy.pending_minutes``, and the second step (``login/code/``) asks for a code from
their app or a recovery code. A wrong code counts in the same throttle as a wrong password
(their account's failures are forgotten only once the code is right), and a lockout
refuses codes as it refuses passwords.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import auth, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from masthead.backoffice import audit, logins, twofactor
from masthead.backoffice.models import SignInLockout
from masthead.core import clock

LOCKED = "locked"
PENDING = "masthead_signin_pending"  # the session's key for a sign-in awaiting its code
SECOND_STEP = "backoffice/twofactor/code.html"
WRONG_CODE = (
    "That code is not right, or it has been used already. Type the newest code from your "
    "app, or one of your recovery codes."
)


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
        if not twofactor.is_on(self.get_user()):
            # With two-factor on, the failures are forgotten after the right code only:
            # else the password alone would wipe the count of wrong codes.
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


class PasswordStep(LoginView):
    """Django's sign-in view, which stops short of signing in a member with two-factor on."""

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not twofactor.is_on(user):
            return super().form_valid(form)
        minutes = twofactor.Policy.from_settings().pending_minutes
        self.request.session.cycle_key()  # a fixed session id must not carry the step
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "until": (clock.now() + timedelta(minutes=minutes)).timestamp(),
        }
        return HttpResponseRedirect(reverse("admin:login_code"))


class CodeForm(forms.Form):
    """The second step's one field; ``lockout`` is set when the throttle refused it."""

    lockout: SignInLockout | None = None
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The six digits your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def pending_user(request: HttpRequest) -> Any:
    """The member whose right password awaits its code, while the wait lasts; else None."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or pending.get("until", 0) < clock.now().timestamp():
        return None
    model = auth.get_user_model()
    user = model._default_manager.filter(pk=pending.get("user") or 0, is_active=True).first()
    return user if user is not None and twofactor.is_on(user) else None


def second_step(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    """Ask for the code; a right one signs the member in, a wrong one counts as a failure."""
    user = pending_user(request)
    if user is None:
        request.session.pop(PENDING, None)
        messages.info(request, "Your sign-in took too long or was not started: sign in again.")
        return HttpResponseRedirect(reverse("admin:login"))
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        outcome = _try(request, user, form.cleaned_data["code"])
        if isinstance(outcome, HttpResponse):
            return outcome
        form.add_error("code", logins.message(outcome) if outcome else WRONG_CODE)
        if outcome is not None:
            form.lockout = outcome  # ``refused`` makes the answer a 429
            request.session.pop(PENDING, None)  # after the lockout, the password again
    context = {**context, "form": form, "title": "Sign in: second step", "subtitle": None}
    return refused(TemplateResponse(request, SECOND_STEP, context))


def _try(request: HttpRequest, user: Any, code: str) -> HttpResponse | SignInLockout | None:
    """Sign in on a right code (a redirect); else the lockout now holding, or None."""
    throttle, ip = logins.Throttle.from_settings(), audit.client_ip(request)
    username = user.get_username()
    if lockout := throttle.refusal(username=username, ip=ip):
        return lockout
    kind = twofactor.check(user=user, code=code)
    if kind is None:
        twofactor.refused(user=user, kind="sign-in", ip=ip)
        started = throttle.failed(username=username, ip=ip)
        return started[0] if started else None
    throttle.succeeded(username=username)
    pending = request.session.pop(PENDING)
    request.twofactor = kind  # type: ignore[attr-defined]  # for the audit log's entry
    auth.login(request, user, backend=pending["backend"])
    if kind == twofactor.RECOVERY:
        left = twofactor.recovery_left(user)
        messages.warning(
            request,
            f"You signed in with a recovery code: {left} left. Make new ones under "
            "“Two-factor sign-in” if you are running short.",
        )
    target = pending.get("next") or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("admin:index")
    return HttpResponseRedirect(target)
