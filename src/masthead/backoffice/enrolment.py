"""The member's own "Two-factor sign-in" screens: set it up, recovery codes, turn it off.

``two-factor/`` says whether it is on and offers what can be done: set it up (a POST that
makes a new secret, then ``two-factor/set-up/`` shows it as a QR code and as text and
takes a code from the app), make new recovery codes, turn it off. The last two ask for
proof that it is the member at the keyboard (their password or a current code); a wrong
one counts as a failed sign-in in the throttle, so an open session is no way to try
passwords. Recovery codes are shown once, in the answer to the POST that made them, and
never again. The screens go through ``masthead.backoffice.twofactor``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from masthead.backoffice import audit, logins, twofactor

OVERVIEW = "backoffice/twofactor/overview.html"
SET_UP = "backoffice/twofactor/set_up.html"
CODES = "backoffice/twofactor/codes.html"


class ConfirmCodeForm(forms.Form):
    """The first code from the app, which shows that it holds the secret."""

    code = forms.CharField(
        label="Code from the app",
        help_text="The six digits your app shows for this account now.",
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class ProofForm(forms.Form):
    """The member's password, or a current code: proof that it is them at the keyboard."""

    proof = forms.CharField(
        label="Your password or a current code",
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_proof(self) -> str:
        proof, user = self.cleaned_data["proof"], self.request.user
        throttle, ip = logins.Throttle.from_settings(), audit.client_ip(self.request)
        username = user.get_username()
        if lockout := throttle.refusal(username=username, ip=ip):
            raise forms.ValidationError(logins.message(lockout))
        code = twofactor.normalise(proof)
        right = user.check_password(proof) or (
            twofactor.SIX_DIGITS.match(code) is not None
            and twofactor.check(user=user, code=code) == twofactor.CODE
        )
        if not right:
            twofactor.refused(user=user, kind="confirmation", ip=ip)
            started = throttle.failed(username=username, ip=ip)
            raise forms.ValidationError(
                logins.message(started[0])
                if started
                else "That is neither your password nor a current code from your app."
            )
        return proof


def overview(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    """Whether two-factor sign-in is on, and what the member can do about it."""
    if request.method == "POST" and "start" in request.POST:
        try:
            twofactor.start(user=request.user)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(reverse("admin:twofactor"))
        return HttpResponseRedirect(reverse("admin:twofactor_set_up"))
    return _overview(request, context)


def set_up(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    """Show the pending app's secret and take its first code; a right one turns it on."""
    device = twofactor.pending_app_of(request.user)
    if device is None:
        return HttpResponseRedirect(reverse("admin:twofactor"))
    form = ConfirmCodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        code = twofactor.normalise(form.cleaned_data["code"])
        codes = twofactor.confirm(user=request.user, code=code)
        if codes is not None:
            messages.success(request, "Two-factor sign-in is on.")
            return _codes(request, context, codes, first=True)
        form.add_error(
            "code", "That code is not right. Check that the app shows the newest one, and "
            "that the phone's clock is set automatically."
        )  # fmt: skip
    return TemplateResponse(
        request,
        SET_UP,
        {
            **context,
            "title": "Set up two-factor sign-in",
            "form": form,
            "qr": twofactor.qr_svg(device),
            "secret": twofactor.secret_text(device),
        },
    )


def recovery_codes(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    """Make new recovery codes (POST, with proof) and show them, once."""
    form = ProofForm(request.POST or None, request=request, prefix="codes")
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.recovery_codes(user=request.user, by=request.user)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(reverse("admin:twofactor"))
        return _codes(request, context, codes, first=False)
    return _overview(request, context, codes_form=form)


def turn_off(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    """Turn two-factor sign-in off (POST, with proof)."""
    form = ProofForm(request.POST or None, request=request, prefix="off")
    if request.method == "POST" and form.is_valid():
        if twofactor.turn_off(user=request.user, by=request.user):
            messages.success(request, "Two-factor sign-in is off: your password alone signs in.")
        return HttpResponseRedirect(reverse("admin:twofactor"))
    return _overview(request, context, off_form=form)


def _overview(
    request: HttpRequest,
    context: dict[str, Any],
    *,
    codes_form: ProofForm | None = None,
    off_form: ProofForm | None = None,
) -> HttpResponse:
    user = request.user
    app = twofactor.app_of(user)
    policy = twofactor.Policy.from_settings()
    return TemplateResponse(
        request,
        OVERVIEW,
        {
            **context,
            "title": "Two-factor sign-in",
            "app": app,
            "pending": app is None and twofactor.pending_app_of(user) is not None,
            "required": policy.requires(user),
            "left": twofactor.recovery_left(user) if app else 0,
            "codes_form": codes_form or ProofForm(request=request, prefix="codes"),
            "off_form": off_form or ProofForm(request=request, prefix="off"),
        },
    )


def _codes(
    request: HttpRequest, context: dict[str, Any], codes: list[str], *, first: bool
) -> HttpResponse:
    context = {**context, "title": "Your recovery codes", "codes": codes, "first": first}
    return TemplateResponse(request, CODES, context)
