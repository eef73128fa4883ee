"""A member's "Two-factor sign-in" screens: set it up, recovery codes, turn it off."""

from __future__ import annotations

import re
from base64 import b32decode
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from masthead.backoffice import twofactor
from masthead.backoffice.models import AuditEntry, FailedSignIn
from tests import factories
from tests.backoffice.otp import PASSWORD, code, code_step, enrol, password_step, signed_in
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action
OVERVIEW, SET_UP = reverse("admin:twofactor"), reverse("admin:twofactor_set_up")
CODES, OFF = reverse("admin:twofactor_codes"), reverse("admin:twofactor_off")


def member(role: str = "Editor", name: str = "ada", *, enrolled: bool = False) -> Any:
    """A member and a browser signed in as them; with ``enrolled``, their app and codes.

    Enrolling ends the member's other sessions, so it comes before the signing in.
    """
    user = factories.person(role, name)
    user.app, user.codes = enrol(user) if enrolled else (None, [])
    client = Client()
    client.force_login(user)
    return user, client


def shown_codes(response: Any) -> list[str]:
    return [text(li) for li in soup(response).select(".twofactor-codes li")]


def test_the_users_links_lead_to_two_factor_sign_in(travel):
    _, client = member()
    links = soup(client.get(reverse("admin:index"))).select("#user-tools a")
    assert OVERVIEW in [a["href"] for a in links]
    page = client.get(OVERVIEW)
    assert page.status_code == 200
    assert "Two-factor sign-in is off" in text(soup(page).select_one("#content-main"))


def test_setting_up_shows_the_secret_as_an_inline_qr_code_and_as_text(travel):
    ada, client = member()
    assert client.post(OVERVIEW, {"start": "1"})["Location"] == SET_UP
    page = soup(client.get(SET_UP))
    device = TOTPDevice.objects.get(user=ada)
    assert not device.confirmed
    svg = page.select_one("figure svg.twofactor-qr")
    assert svg is not None
    assert svg.select("path")
    assert not page.select("#content-main img")  # drawn in the page: no request, no host
    secret = text(page.select_one("#twofactor-secret")).replace(" ", "")
    assert b32decode(secret) == device.bin_key
    assert not twofactor.is_on(ada)


def test_the_qr_code_holds_the_address_an_app_reads_named_for_the_newsroom(travel, newsroom):
    ada, _ = member()
    device = twofactor.start(user=ada)
    assert re.fullmatch(
        r"otpauth://totp/The%20Test%20Gazette%3Aada\?secret=[A-Z2-7]{32}&issuer=The%20Test%20"
        r"Gazette&algorithm=SHA1&digits=6&period=30",
        twofactor.setup_uri(device),
    )


def test_a_wrong_first_code_leaves_it_off(travel):
    ada, client = member()
    client.post(OVERVIEW, {"start": "1"})
    device = TOTPDevice.objects.get(user=ada)
    wrong = code(device, steps=5)
    response = client.post(SET_UP, {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not twofactor.is_on(ada)
    assert not FailedSignIn.objects.exists()  # a typo of one's own is no attack


def test_the_first_right_code_turns_it_on_and_shows_ten_codes_once(travel, committed):
    ada, client = member()
    laptop = Client()
    laptop.force_login(ada)
    client.post(OVERVIEW, {"start": "1"})
    device = TOTPDevice.objects.get(user=ada)
    with committed():
        response = client.post(SET_UP, {"code": code(device)})
    assert response.status_code == 200
    codes = shown_codes(response)
    assert len(codes) == 10 == len(set(codes))
    assert all(re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}", c) for c in codes)
    assert twofactor.is_on(ada)
    assert twofactor.recovery_left(ada) == 10
    # Shown once: the screens after never show them again.
    for page in (client.get(OVERVIEW), client.get(SET_UP, follow=True)):
        assert not any(c in page.content.decode() for c in codes)
    # The session that did it stays; another one, opened with the password alone, ends.
    assert client.get(OVERVIEW).status_code == 200
    assert laptop.get(OVERVIEW).status_code == 302
    assert AuditEntry.objects.filter(action=Action.TWO_FACTOR_ON, actor=ada).count() == 1


def test_setting_up_again_is_refused_while_it_is_on(travel):
    ada, client = member(enrolled=True)
    client.post(OVERVIEW, {"start": "1"})
    assert TOTPDevice.objects.filter(user=ada).count() == 1
    assert client.get(SET_UP)["Location"] == OVERVIEW


def test_new_recovery_codes_need_the_password_and_void_the_old_ones(travel, committed):
    ada, client = member(enrolled=True)
    old = ada.codes
    with committed():
        response = client.post(CODES, {"codes-proof": PASSWORD})
    new = shown_codes(response)
    assert len(new) == 10
    assert not set(new) & set(old)
    stored = set(StaticToken.objects.filter(device__user=ada).values_list("token", flat=True))
    assert stored == {twofactor.stored_form(c) for c in new}
    assert not stored & {c.replace("-", "") for c in new}  # no code kept as itself
    assert AuditEntry.objects.filter(action=Action.RECOVERY_CODES_NEW).count() == 1


def test_a_wrong_proof_is_refused_and_counted_as_a_failed_sign_in(travel, committed):
    ada, client = member(enrolled=True)
    with committed():
        response = client.post(CODES, {"codes-proof": "wrong-guess"})
    assert response.status_code == 200
    assert "neither your password nor a current code" in response.content.decode()
    assert twofactor.recovery_left(ada) == 10
    assert FailedSignIn.objects.filter(username="ada").count() == 1
    entry = AuditEntry.objects.get(action=Action.TWO_FACTOR_FAILED)
    assert entry.detail == {"step": "confirmation"}


def test_turning_it_off_takes_a_current_code(travel, committed):
    ada, client = member(enrolled=True)
    device = ada.app
    travel(30)
    with committed():
        response = client.post(OFF, {"off-proof": code(device)})
    assert response["Location"] == OVERVIEW
    assert not twofactor.is_on(ada)
    assert twofactor.recovery_left(ada) == 0
    assert AuditEntry.objects.filter(action=Action.TWO_FACTOR_OFF, actor=ada).count() == 1
    client.logout()
    assert password_step(client, "ada")["Location"] == reverse("admin:index")


def test_turning_it_off_with_a_used_code_is_refused(travel):
    ada, client = member(enrolled=True)
    device = ada.app
    used = code(device)  # the set-up took it
    assert client.post(OFF, {"off-proof": used}).status_code == 200
    assert twofactor.is_on(ada)


def test_turning_it_off_takes_the_password_too(travel):
    ada, client = member(enrolled=True)
    assert client.post(OFF, {"off-proof": PASSWORD})["Location"] == OVERVIEW
    assert not twofactor.is_on(ada)


def test_the_screens_answer_gets_and_strangers_as_the_back_office_does(travel):
    _, client = member()
    assert client.get(CODES).status_code == 405
    assert Client().get(OVERVIEW)["Location"].startswith(reverse("admin:login"))


def test_a_recovery_code_shown_at_set_up_signs_in(travel):
    ada, client = member()
    client.post(OVERVIEW, {"start": "1"})
    codes = shown_codes(client.post(SET_UP, {"code": code(TOTPDevice.objects.get(user=ada))}))
    browser = Client()
    password_step(browser, "ada")
    code_step(browser, codes[3])
    assert signed_in(browser)
