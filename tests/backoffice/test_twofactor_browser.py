"""Two-factor sign-in in Chromium: set it up, sign out, sign in with a code, a recovery code.

The code is computed as the member's app would compute it: from the secret the set-up
page shows as text (django-otp's TOTP, RFC 6238), at the time the ``travel`` fixture holds,
which the live server (a thread of this process) sees too.
"""

from __future__ import annotations

import time
from base64 import b32decode
from typing import Any

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from masthead.backoffice import twofactor
from tests import factories

pytestmark = [pytest.mark.slow]


def app_code(secret: str) -> str:
    """What an authenticator app holding ``secret`` (as typed from the page) shows now."""
    totp = TOTP(b32decode(secret.replace(" ", "")))
    totp.time = time.time()
    return f"{totp.token():06d}"


def sign_in(page: Page, username: str) -> None:
    page.goto("/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-123456")
    page.get_by_role("button", name="Log in").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Logged out")).to_be_visible()


def test_a_member_sets_up_two_factor_and_signs_in_with_a_code_then_a_recovery_code(
    page: Page, roles: None, travel: Any, js_errors: list[str]
):
    ada = factories.person("Editor", "ada", byline=True)
    sign_in(page, "ada")
    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Two-factor sign-in")).to_be_visible()
    page.get_by_role("button", name="Set up two-factor sign-in").click()

    expect(page.locator("figure svg.twofactor-qr")).to_be_visible()
    secret = page.locator("#twofactor-secret").inner_text()
    page.get_by_label("Code from the app").fill(app_code(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()

    expect(page.locator("ul.messagelist")).to_contain_text("Two-factor sign-in is on.")
    codes = page.locator(".twofactor-codes li").all_inner_texts()
    assert len(codes) == 10
    assert twofactor.is_on(ada)
    sign_out(page)

    # The next time step: the set-up's code was used, and a code works once.
    travel(30)
    sign_in(page, "ada")
    expect(page.get_by_label("Code")).to_be_visible()
    page.get_by_label("Code").fill(app_code(secret))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Back office", exact=True)).to_be_visible()
    sign_out(page)

    # Without the phone: a recovery code, once.
    sign_in(page, "ada")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("ul.messagelist")).to_contain_text("recovery code: 9 left")
    assert twofactor.recovery_left(ada) == 9
    sign_out(page)

    sign_in(page, "ada")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".errornote")).to_contain_text("That code is not right")
    assert js_errors == []
