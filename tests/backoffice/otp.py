"""What the two-factor tests share: the codes an authenticator app would show, an enrolled member.

Codes come from django-otp's own TOTP (RFC 6238) with the device's key, at ``time.time()``,
which the ``travel`` fixture moves (and holds still), as it moves the device's check.
"""

from __future__ import annotations

import time
from typing import Any

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from masthead.backoffice import twofactor

LOGIN, CODE_STEP = reverse("admin:login"), reverse("admin:login_code")
PASSWORD = "pw-123456"  # the factories' password
IP = "203.0.113.7"


def code(device: TOTPDevice, *, steps: int = 0) -> str:
    """The six digits the member's app shows now (or ``steps`` time steps from now)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + steps * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol(user: Any) -> tuple[TOTPDevice, list[str]]:
    """Turn two-factor sign-in on for ``user`` as the set-up screen does; its app and codes."""
    device = twofactor.start(user=user)
    codes = twofactor.confirm(user=user, code=code(device))
    assert codes is not None
    device.refresh_from_db()
    return device, codes


def password_step(client: Client, username: str, password: str = PASSWORD, ip: str = IP) -> Any:
    form = {"username": username, "password": password, "next": reverse("admin:index")}
    return client.post(LOGIN, form, REMOTE_ADDR=ip)


def code_step(client: Client, typed: str, ip: str = IP) -> Any:
    return client.post(CODE_STEP, {"code": typed}, REMOTE_ADDR=ip)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session
