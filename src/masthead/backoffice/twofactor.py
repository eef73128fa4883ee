"""Two-factor sign-in: an authenticator app's codes (TOTP) and recovery codes, by django-otp.

A member turns it on in three steps: ``start`` gives them a new, unconfirmed
``TOTPDevice`` (its secret shown as a QR code, ``qr_svg``, and as text, ``secret_text``);
``confirm`` takes a code from their app and, if right, makes the device count, gives them
ten recovery codes (a ``StaticDevice``, each code used once and kept as a keyed hash,
``stored_form``) and ends their other sessions. From then on ``check`` is the sign-in's
second step (``signin.py``)::

    device = start(user=ada)                 # show qr_svg(device), secret_text(device)
    codes = confirm(user=ada, code="492039")  # None if wrong; else show the codes once
    check(user=ada, code="492039")           # None: used already (a code works once)
    check(user=ada, code="k3mf-7qpa")        # RECOVERY: a recovery code, now spent
    recovery_codes(user=ada, by=ada)         # ten new ones; the old ones stop working
    turn_off(user=ada, by=ada)               # or reset(user=ada, by=administrator)

Which roles must have it is a ``Policy`` (``MASTHEAD_2FA_REQUIRED_FOR``). Every change,
and every code refused, goes into the audit log.
"""

from __future__ import annotations

import re
from base64 import b32encode
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from masthead.articles.models import SiteSettings
from masthead.backoffice import audit, sessions
from masthead.backoffice.roles import ADMINISTRATOR

Action = audit.Action
Kind = Literal["code", "recovery code"]
CODE: Literal["code"] = "code"
RECOVERY: Literal["recovery code"] = "recovery code"
APP_NAME, CODES_NAME = "Authenticator app", "Recovery codes"
SIX_DIGITS = re.compile(r"^[0-9]{6}$")


@dataclass(frozen=True)
class Policy:
    """Whose sign-in needs a second step, and the knobs of that step.

    ``required_for`` is ``"none"`` (two-factor is each member's choice), ``"administrators"``
    (members with the Administrator role, and superusers, must set it up) or ``"staff"``
    (everyone the back office is open to). ``recovery_codes`` are given at a time;
    ``pending_minutes`` is how long the second step waits after a right password.
    """

    required_for: str = "none"
    recovery_codes: int = 10
    pending_minutes: int = 5

    @classmethod
    def from_settings(cls) -> Policy:
        return cls(required_for=settings.TWO_FACTOR_REQUIRED_FOR)

    @property
    def requires_anyone(self) -> bool:
        return self.required_for != "none"

    def requires(self, user: Any) -> bool:
        """Whether ``user``'s role obliges them to sign in with a second step."""
        if not self.requires_anyone or not getattr(user, "is_authenticated", False):
            return False
        if self.required_for == "staff":
            return bool(user.is_staff or user.is_superuser)
        # ``groups.all()``: a list of members has them prefetched.
        return user.is_superuser or any(g.name == ADMINISTRATOR for g in user.groups.all())


def app_of(user: Any) -> TOTPDevice | None:
    """The member's confirmed authenticator app: if they have one, sign-in has two steps."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def is_on(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_enrol(user: Any, policy: Policy | None = None) -> bool:
    """Whether ``user`` must set up two-factor sign-in before anything else."""
    policy = policy or Policy.from_settings()
    return policy.requires(user) and not is_on(user)


def pending_app_of(user: Any) -> TOTPDevice | None:
    """The app being set up (shown, not yet confirmed by a code), if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def recovery_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def start(*, user: Any) -> TOTPDevice:
    """Give ``user`` a new secret to put in their app; refused if two-factor is on."""
    if is_on(user):
        raise PermissionDenied("Two-factor sign-in is on already: turn it off first.")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


@transaction.atomic
def confirm(*, user: Any, code: str) -> list[str] | None:
    """Turn two-factor on if ``code`` is the pending app's; return the recovery codes.

    None if the code is wrong (or no app is being set up). The member's other sessions
    end: they were opened with the password alone.
    """
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).last()
    if device is None or not SIX_DIGITS.match(code) or not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_codes(user)
    _record(Action.TWO_FACTOR_ON, user, by=user)
    sessions.end_sessions(
        user=user, why="two-factor sign-in turned on", keep=audit.current_origin().session
    )
    return codes


def check(*, user: Any, code: str) -> Kind | None:
    """The sign-in's second step: which kind of code ``code`` is, if it is right and unused.

    A six-digit code is the app's, accepted once (django-otp keeps the last time step
    used); anything else is tried as a recovery code, which is then spent.
    """
    typed = normalise(code)
    if SIX_DIGITS.match(typed):
        device = app_of(user)
        kind: Kind = CODE
    else:
        device, kind = _codes_of(user), RECOVERY
    if device is None:
        return None
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        if not locked.verify_token(typed if kind == CODE else stored_form(typed)):
            return None
    if kind == RECOVERY:
        _record(Action.RECOVERY_CODE_USED, user, by=user, left=recovery_left(user))
    return kind


def stored_form(code: str) -> str:
    """A recovery code as the database keeps it: a keyed hash, never the code itself.

    A copy of the database (a backup) then holds no code that signs anyone in. The
    hash is the site's ``SECRET_KEY``'s, cut to the 16 characters django-otp's column
    holds (64 bits, for 40-bit codes).
    """
    return salted_hmac("masthead.backoffice.recovery-code", normalise(code)).hexdigest()[:16]


def normalise(code: str) -> str:
    """A code as stored: no spaces or hyphens, lower case (recovery codes are shown so).

    >>> normalise(" K3MF-7QPA ")
    'k3mf7qpa'
    """
    return re.sub(r"[\s-]+", "", code).lower()


@transaction.atomic
def recovery_codes(*, user: Any, by: Any) -> list[str]:
    """Give ``user`` new recovery codes, voiding the old ones; refused if two-factor is off."""
    if not is_on(user):
        raise PermissionDenied("Two-factor sign-in is off: there are no recovery codes.")
    codes = _new_codes(user)
    _record(Action.RECOVERY_CODES_NEW, user, by=by)
    return codes


@transaction.atomic
def turn_off(*, user: Any, by: Any) -> bool:
    """Remove the member's app and recovery codes (their choice); False if it was off."""
    if not _remove(user):
        return False
    _record(Action.TWO_FACTOR_OFF, user, by=by)
    return True


@transaction.atomic
def reset(*, user: Any, by: Any = None) -> bool:
    """An administrator's reset (a lost phone): as ``turn_off``, and their sessions end.

    ``by`` needs ``auth.change_user`` (None: a command). The member signs in with their
    password alone next, and sets two-factor up again (at once, if their role requires).
    """
    if by is not None and not by.has_perm("auth.change_user"):
        raise PermissionDenied("You can't reset someone's two-factor sign-in.")
    if not _remove(user):
        return False
    _record(Action.TWO_FACTOR_RESET, user, by=by)
    sessions.end_sessions(
        user=user, why="two-factor sign-in reset", keep=audit.current_origin().session
    )
    return True


def refused(*, user: Any, kind: str, ip: str | None) -> None:
    """Record a wrong code (or proof of identity) given for ``user``."""
    audit.record(
        action=Action.TWO_FACTOR_FAILED, actor=user, obj=user, ip=ip, detail={"step": kind}
    )


def secret_text(device: TOTPDevice) -> str:
    """The secret as an app asks for it when typed: base 32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def setup_uri(device: TOTPDevice) -> str:
    """The ``otpauth://`` address the QR code holds, the newsroom's name as the issuer.

    django-otp's ``config_url`` takes its issuer from a setting; ours is the site's name,
    a row of ``SiteSettings``, so that an app holding several newsrooms' codes tells them
    apart.
    """
    issuer = SiteSettings.current().name.replace(":", "")
    label = f"{issuer}:{device.user.get_username()}"
    query = {
        "secret": b32encode(device.bin_key).decode(),
        "issuer": issuer,
        "algorithm": "SHA1",
        "digits": device.digits,
        "period": device.step,
    }
    return f"otpauth://totp/{quote(label)}?{urlencode(query, quote_via=quote)}"


def qr_svg(device: TOTPDevice) -> SafeString:
    """The set-up address as a QR code: an ``<svg>`` for the page itself (no image request).

    segno writes the markup (paths and presentation attributes, no ``style``); nothing
    of the member's is in it as text, only in the drawn modules.
    """
    code = segno.make(setup_uri(device), error="m")
    svg = code.svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="twofactor-qr", lineclass=None,
        title="QR code of the secret below",
    )  # fmt: skip
    return mark_safe(svg)  # noqa: S308 (segno's own markup, see above)


def members() -> Any:
    """Everyone the back office is open to, for ``masthead twofactor list``."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(is_staff=False, is_superuser=False)
        .prefetch_related("groups")
        .order_by("username")
    )


def _codes_of(user: Any) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def _new_codes(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(Policy.from_settings().recovery_codes)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=stored_form(code)) for code in codes
    )
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def _remove(user: Any) -> bool:
    """Delete the member's app (or the one being set up) and codes; True if it was on."""
    was_on = is_on(user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return was_on


def _record(action: str, user: Any, *, by: Any, **detail: Any) -> None:
    audit.record(action=action, actor=by, obj=user, detail=detail)
