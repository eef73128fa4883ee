"""The sign-in's second step: a code from the app or a recovery code, once each, throttled."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from masthead.backoffice.models import AuditEntry, FailedSignIn
from masthead.backoffice.signin import PENDING, WRONG_CODE
from tests import factories
from tests.backoffice.otp import (
    CODE_STEP,
    code,
    code_step,
    enrol,
    password_step,
    signed_in,
)

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action
INDEX = reverse("admin:index")
ACCOUNT_LOCKED = "Too many failed sign-ins for this account: try again in 15 minutes"


@pytest.fixture(autouse=True)
def limits(settings: Any) -> None:
    settings.LOGIN_FAILURES_PER_ACCOUNT = 5
    settings.LOGIN_FAILURES_PER_IP = 20
    settings.LOGIN_LOCKOUT_MINUTES = 15


@pytest.fixture
def ada(travel: Any) -> Any:
    """An Editor with two-factor on; the clock moved on a step past the set-up's code."""
    user = factories.person("Editor", "ada")
    user.app, user.codes = enrol(user)
    travel(30)
    return user


def test_the_right_password_asks_for_a_code_and_signs_nobody_in_yet(client, ada):
    response = password_step(client, "ada")
    assert response.status_code == 302
    assert response["Location"] == CODE_STEP
    assert not signed_in(client)
    assert client.session[PENDING]["user"] == ada.pk
    # The back office is still closed: the session is nobody's.
    assert client.get(INDEX)["Location"].startswith(reverse("admin:login"))
    page = client.get(CODE_STEP)
    assert page.status_code == 200
    assert b"authenticator app" in page.content


def test_the_apps_code_signs_in_and_goes_where_the_member_was_going(client, ada, committed):
    password_step(client, "ada")
    with committed():
        response = code_step(client, code(ada.app))
    assert response.status_code == 302
    assert response["Location"] == INDEX
    assert signed_in(client)
    assert PENDING not in client.session
    entry = AuditEntry.objects.get(action=Action.LOGIN)
    assert (entry.actor, entry.detail) == (ada, {"second step": "code"})


def test_a_member_without_two_factor_signs_in_with_the_password_alone(client, travel):
    factories.person("Editor", "bob")
    response = password_step(client, "bob")
    assert response["Location"] == INDEX
    assert signed_in(client)


def test_a_code_works_once(client, ada):
    """A code an eavesdropper saw is refused once used, even within its 30 seconds."""
    used = code(ada.app)
    password_step(client, "ada")
    code_step(client, used)
    client.logout()
    other = Client()
    password_step(other, "ada")
    response = code_step(other, used)
    assert response.status_code == 200
    assert WRONG_CODE in response.content.decode()
    assert not signed_in(other)


def test_the_next_code_works_after_the_clock_moves_on(client, ada, travel):
    password_step(client, "ada")
    code_step(client, code(ada.app))
    client.logout()
    travel(60)
    password_step(client, "ada")
    assert code_step(client, code(ada.app)).status_code == 302
    assert signed_in(client)


def test_a_code_from_far_in_the_past_or_future_is_refused(client, ada):
    password_step(client, "ada")
    for steps in (-3, 3):
        assert code_step(client, code(ada.app, steps=steps)).status_code == 200
    assert not signed_in(client)


def test_a_recovery_code_signs_in_once(client, ada, committed):
    spare = ada.codes[0]
    password_step(client, "ada")
    with committed():
        response = code_step(client, spare.upper().replace("-", " "))
    assert response["Location"] == INDEX
    assert signed_in(client)
    messages = [str(m) for m in client.get(INDEX).context["messages"]]
    assert any("recovery code: 9 left" in m for m in messages)
    used = AuditEntry.objects.get(action=Action.RECOVERY_CODE_USED)
    assert (used.actor, used.detail) == (ada, {"left": 9})

    client.logout()
    password_step(client, "ada")
    assert WRONG_CODE in code_step(client, spare).content.decode()
    assert not signed_in(client)


def test_wrong_codes_count_with_wrong_passwords_and_lock_the_account(client, ada, committed):
    password_step(client, "ada", password="wrong-guess")
    password_step(client, "ada", password="wrong-guess")
    password_step(client, "ada")
    with committed():
        answers = [code_step(client, "000000") for _ in range(3)]
    assert [r.status_code for r in answers] == [200, 200, 429]
    assert ACCOUNT_LOCKED in answers[-1].content.decode()
    assert int(answers[-1]["Retry-After"]) > 14 * 60
    # The lockout ends the step: the right code now finds nothing to finish.
    assert code_step(client, code(ada.app))["Location"] == reverse("admin:login")
    assert not signed_in(client)
    assert password_step(client, "ada").status_code == 429
    refused = AuditEntry.objects.filter(action=Action.TWO_FACTOR_FAILED)
    assert refused.count() == 3
    assert {(e.actor, e.detail["step"]) for e in refused} == {(ada, "sign-in")}


def test_the_right_password_does_not_forget_wrong_codes(client, ada):
    """Else whoever has the password could try codes for ever, four at a time."""
    for _ in range(2):
        password_step(client, "ada")
        code_step(client, "000000")
        code_step(client, "111111")
    password_step(client, "ada")
    assert code_step(client, "222222").status_code == 429
    assert FailedSignIn.objects.filter(username="ada").count() == 5


def test_the_right_code_forgets_the_failures(client, ada):
    password_step(client, "ada")
    code_step(client, "000000")
    code_step(client, code(ada.app))
    assert not FailedSignIn.objects.filter(username="ada").exists()


def test_a_lockout_refuses_the_code_before_checking_it(client, ada):
    """Locked from elsewhere while the step waits: the right code is refused too."""
    password_step(client, "ada")
    before = ada.app.last_t
    other = Client()
    for _ in range(5):
        password_step(other, "ada", password="wrong-guess", ip="198.51.100.9")
    response = code_step(client, code(ada.app))
    assert response.status_code == 429
    assert ACCOUNT_LOCKED in response.content.decode()
    assert not signed_in(client)
    ada.app.refresh_from_db()
    assert ada.app.last_t == before  # the code was never tried


def test_the_step_waits_five_minutes(client, ada, travel):
    password_step(client, "ada")
    travel(30 + 5 * 60 + 1)
    response = code_step(client, code(ada.app))
    assert response["Location"] == reverse("admin:login")
    assert not signed_in(client)
    assert PENDING not in client.session


def test_without_a_right_password_there_is_no_second_step(client, ada):
    assert code_step(client, code(ada.app))["Location"] == reverse("admin:login")
    password_step(client, "ada", password="wrong-guess")
    assert PENDING not in client.session
    assert client.get(CODE_STEP)["Location"] == reverse("admin:login")


def test_a_wrong_password_reads_the_same_with_or_without_two_factor(client, ada):
    """Nothing tells a stranger which accounts have two-factor sign-in."""
    factories.person("Editor", "bob")
    pages = [
        password_step(Client(), name, password="wrong-guess").content.decode()
        for name in ("ada", "bob")
    ]
    strip = [p.replace("ada", "NAME").replace("bob", "NAME") for p in pages]
    assert [len(p.split("csrfmiddlewaretoken")) for p in strip] == [2, 2]
    assert _without_tokens(strip[0]) == _without_tokens(strip[1])


def test_the_session_changes_key_at_the_password_and_again_at_the_code(client, ada):
    client.get(reverse("admin:login"))
    client.session.save()
    first = client.session.session_key
    password_step(client, "ada")
    second = client.session.session_key
    code_step(client, code(ada.app))
    assert len({first, second, client.session.session_key}) == 3


def test_a_member_deactivated_meanwhile_is_not_signed_in(client, ada):
    password_step(client, "ada")
    ada.is_active = False
    ada.save()
    assert code_step(client, code(ada.app))["Location"] == reverse("admin:login")
    assert not signed_in(client)


def test_an_outside_next_address_is_not_followed(client, ada):
    form = {"username": "ada", "password": "pw-123456", "next": "https://evil.example/"}
    client.post(reverse("admin:login"), form)
    response = code_step(client, code(ada.app))
    assert signed_in(client)
    assert not response["Location"].startswith("https://evil.example")


def _without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
