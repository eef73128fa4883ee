"""Sign-in throttling at the back office's door: lockouts per account and per address."""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from masthead.backoffice import logins
from masthead.backoffice.models import AuditEntry, FailedSignIn, SignInLockout
from masthead.core import clock
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action
LOGIN = reverse("admin:login")
RIGHT = "pw-123456"  # the factories' password
ACCOUNT_LOCKED = "Too many failed sign-ins for this account: try again in 15 minutes"
ADDRESS_LOCKED = "Too many failed sign-ins for this address: try again in 15 minutes"


@pytest.fixture(autouse=True)
def limits(settings: Any) -> None:
    """The documented defaults, whatever the environment running the tests says."""
    settings.LOGIN_FAILURES_PER_ACCOUNT = 5
    settings.LOGIN_FAILURES_PER_IP = 20
    settings.LOGIN_LOCKOUT_MINUTES = 15


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``later(minutes)`` moves the clock that far ahead of the test's start.

    The clock stands still until then: signing in takes real time (Argon2), which would
    otherwise move a lockout's start past where the test means it to be.
    """
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start)
    return lambda minutes: monkeypatch.setattr(
        clock, "now", lambda: start + timedelta(minutes=minutes)
    )


def sign_in(client: Any, username: str, password: str, ip: str = "203.0.113.7") -> Any:
    form = {"username": username, "password": password, "next": reverse("admin:index")}
    return client.post(LOGIN, form, REMOTE_ADDR=ip)


def fail(client: Any, username: str, times: int, ip: str = "203.0.113.7") -> list[Any]:
    return [sign_in(client, username, "wrong-guess", ip=ip) for _ in range(times)]


def test_five_wrong_passwords_lock_the_account_and_the_right_one_is_refused(client):
    factories.person("Editor", "ada")
    answers = fail(client, "ada", 5)
    assert [r.status_code for r in answers] == [200, 200, 200, 200, 429]
    response = sign_in(client, "ada", RIGHT)
    assert response.status_code == 429
    assert ACCOUNT_LOCKED in response.content.decode()
    assert "or ask an administrator" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_refusal_says_when_to_come_back(client):
    factories.person("Editor", "ada")
    fail(client, "ada", 5)
    response = sign_in(client, "ada", RIGHT)
    assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60


def test_the_lockout_is_checked_before_the_password(client, django_assert_max_num_queries):
    """A refused sign-in never reaches the password hasher, nor the accounts table."""
    factories.person("Editor", "ada")
    fail(client, "ada", 5)
    with django_assert_max_num_queries(4) as queries:
        sign_in(client, "ada", RIGHT)
    assert not any("auth_user" in q["sql"] for q in queries.captured_queries)


def test_four_failures_lock_nothing_and_the_right_password_then_works(client):
    factories.person("Editor", "ada")
    assert {r.status_code for r in fail(client, "ada", 4)} == {200}
    assert sign_in(client, "ada", RIGHT).status_code == 302


def test_signing_in_forgets_the_accounts_failures(client):
    factories.person("Editor", "ada")
    fail(client, "ada", 4)
    assert sign_in(client, "ada", RIGHT).status_code == 302
    client.logout()
    assert {r.status_code for r in fail(client, "ada", 4)} == {200}


def test_the_lockout_holds_from_any_address_and_for_any_spelling(client):
    factories.person("Editor", "ada")
    fail(client, "ada", 5, ip="203.0.113.7")
    assert sign_in(client, "ada", RIGHT, ip="198.51.100.9").status_code == 429
    assert sign_in(client, "ADA", RIGHT, ip="198.51.100.9").status_code == 429


def test_the_lockout_ends_after_the_window(client, later):
    factories.person("Editor", "ada")
    fail(client, "ada", 5)
    later(14)
    assert sign_in(client, "ada", RIGHT).status_code == 429
    later(15.1)
    assert sign_in(client, "ada", RIGHT).status_code == 302


def test_failures_older_than_the_window_do_not_count(client, later):
    factories.person("Editor", "ada")
    fail(client, "ada", 4)
    later(16)
    assert {r.status_code for r in fail(client, "ada", 4)} == {200}


def test_twenty_failures_from_one_address_lock_the_address(client):
    """Guessing across many names from one address: the address is locked, not the names."""
    for n in range(20):
        sign_in(client, f"name-{n}", "wrong-guess", ip="198.51.100.66")
    factories.person("Editor", "ada")
    response = sign_in(client, "ada", RIGHT, ip="198.51.100.66")
    assert response.status_code == 429
    assert ADDRESS_LOCKED in response.content.decode()
    assert sign_in(client, "ada", RIGHT, ip="203.0.113.7").status_code == 302


def test_a_limit_of_zero_turns_that_limit_off(client, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 0
    factories.person("Editor", "ada")
    assert {r.status_code for r in fail(client, "ada", 8)} == {200}
    assert sign_in(client, "ada", RIGHT).status_code == 302


def test_behind_the_proxy_the_address_counted_is_the_clients(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    settings.LOGIN_FAILURES_PER_IP = 3
    for n in range(3):
        client.post(
            LOGIN,
            {"username": f"name-{n}", "password": "x"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9",
        )
    assert SignInLockout.objects.get(kind="address").key == "203.0.113.9"


# No user enumeration -------------------------------------------------------------------


def comparable(response: Any, username: str) -> str:
    """The page without what differs by right: CSRF tokens and the name typed."""
    page = response.content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return page.replace(f'value="{username}"', 'value="…"')


def test_a_wrong_password_and_nobodys_name_get_the_same_answer(client):
    factories.person("Editor", "ada")
    known, unknown = sign_in(client, "ada", "wrong"), sign_in(client, "nobody", "wrong")
    assert known.status_code == unknown.status_code == 200
    assert comparable(known, "ada") == comparable(unknown, "nobody")


def test_nobodys_name_is_locked_exactly_like_an_accounts(client):
    factories.person("Editor", "ada")
    known, unknown = fail(client, "ada", 6), fail(client, "nobody", 6)
    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert comparable(known[-1], "ada") == comparable(unknown[-1], "nobody")


def test_an_inactive_or_unprivileged_account_counts_as_a_failure_too(client):
    """Else a right password for them would show as "no lockout after five tries"."""
    factories.person("Editor", "ada", is_active=False)
    reader = factories.person("Editor", "reader")
    reader.is_staff = False
    reader.save()
    answers = [sign_in(client, name, RIGHT) for name in ["ada", "reader"] * 5]
    assert [r.status_code for r in answers][-2:] == [429, 429]


# The audit log and the administrator ------------------------------------------------


def test_a_lockout_is_recorded_once_in_the_audit_log(client, committed):
    factories.person("Editor", "ada")
    with committed():
        fail(client, "ada", 7, ip="198.51.100.4")
    entry = AuditEntry.objects.get(action=Action.LOGIN_LOCKED)
    assert entry.object_label == "Account ada"
    assert entry.ip == "198.51.100.4"
    assert entry.detail["account"] == "ada"
    assert entry.detail["failures"] == 5


def test_refused_sign_ins_are_counted_on_the_lockout_not_as_failures(client):
    factories.person("Editor", "ada")
    fail(client, "ada", 8)
    lockout = SignInLockout.objects.get()
    assert (lockout.failures, lockout.refused) == (5, 3)
    assert FailedSignIn.objects.count() == 5


def test_an_administrator_lifts_a_lockout_from_the_back_office(client, committed):
    factories.person("Editor", "ada")
    fail(client, "ada", 5)
    admin = factories.person("Administrator", "grace")
    lockout = SignInLockout.objects.get()
    boss = type(client)()
    boss.force_login(admin)
    screen = reverse("admin:backoffice_signinlockout_changelist")
    assert "Account ada" in boss.get(screen).content.decode()
    with committed():
        response = boss.post(
            screen, {"action": "lift", "_selected_action": [lockout.pk]}, follow=True
        )
    assert "Lifted 1 lockout" in response.content.decode()
    lockout.refresh_from_db()
    assert (lockout.lifted_by, lockout.lifted_at is not None) == (admin, True)
    assert sign_in(client, "ada", RIGHT).status_code == 302
    entry = AuditEntry.objects.get(action=Action.LOGIN_UNLOCKED)
    assert (entry.actor, entry.object_label) == (admin, "Account ada")


def test_a_members_page_says_they_are_locked_out_and_leads_to_the_lockout(client):
    ada = factories.person("Editor", "ada")
    boss = type(client)()
    boss.force_login(factories.person("Administrator", "grace"))
    page = reverse("admin:auth_user_change", args=[ada.pk])
    assert "None: they can sign in." in text(soup(boss.get(page)).select_one(".field-lockout"))
    fail(client, "Ada", 5)
    shown = soup(boss.get(page)).select_one(".field-lockout")
    assert "Locked out until" in text(shown)
    assert "after 5 failed sign-ins" in text(shown)
    lockouts = boss.get(shown.select_one("a")["href"])
    assert [text(row) for row in soup(lockouts).select("#result_list tbody th")] == ["Account ada"]


@pytest.mark.parametrize("role", ["Editor", "Author", "Contributor"])
def test_only_administrators_see_the_lockouts(client, role: str):
    client.force_login(factories.person(role, "someone"))
    screen = reverse("admin:backoffice_signinlockout_changelist")
    assert client.get(screen).status_code == 403


def test_the_lockouts_screen_shows_those_holding_and_offers_the_ended(admin_client, later):
    SignInLockout.objects.create(kind="account", key="old", until=clock.now())
    SignInLockout.objects.create(
        kind="account", key="now", until=clock.now() + timedelta(minutes=5)
    )
    screen = reverse("admin:backoffice_signinlockout_changelist")
    holding = admin_client.get(screen).content.decode()
    assert "Account now" in holding
    assert "Account old" not in holding
    assert "Account old" in admin_client.get(screen + "?state=ended").content.decode()


def test_lifting_an_ended_lockout_does_nothing(committed):
    lockout = SignInLockout.objects.create(kind="account", key="ada", until=clock.now())
    with committed():
        assert not logins.lift(lockout=lockout)
    assert not AuditEntry.objects.exists()


# Housekeeping -----------------------------------------------------------------------


def test_prune_keeps_what_the_window_still_counts(later):
    throttle = logins.Throttle()
    throttle.failed(username="ada", ip="203.0.113.7")
    SignInLockout.objects.create(kind="account", key="ada", until=clock.now())
    later(10)
    throttle.failed(username="ada", ip="203.0.113.7")
    later(20)
    assert throttle.prune() == 2  # the first failure and the lockout over since
    assert FailedSignIn.objects.count() == 1


def test_a_failure_prunes_once_a_day(committed, later):
    from django.core.cache import cache

    cache.delete(logins.PRUNED_KEY)
    throttle = logins.Throttle()
    throttle.failed(username="ada", ip=None)
    later(60)
    with committed():
        throttle.failed(username="bob", ip=None)  # prunes ada's: the first prune today
    later(120)
    with committed():
        throttle.failed(username="cy", ip=None)  # does not prune bob's: pruned already
    assert sorted(FailedSignIn.objects.values_list("username", flat=True)) == ["bob", "cy"]


def test_a_cache_that_is_down_skips_the_prune_and_the_sign_in_goes_on(monkeypatch):
    from django.core.cache import cache

    def down(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "add", down)
    assert logins.prune_if_due() == 0


@pytest.mark.parametrize(
    ("minutes", "says"), [(15, "15 minutes"), (0.5, "1 minute"), (1.2, "2 minutes")]
)
def test_the_message_rounds_the_wait_up(minutes: float, says: str):
    now = clock.now()
    lockout = SignInLockout(kind="account", key="ada", until=now + timedelta(minutes=minutes))
    assert f"try again in {says} or" in logins.message(lockout, now=now)


# The command ------------------------------------------------------------------------


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("logins", *args, stdout=out)
    return out.getvalue()


def test_the_command_lists_and_lifts_a_lockout(client, committed):
    factories.person("Editor", "ada")
    fail(client, "ada", 5)
    assert "account  ada" in run("list")
    with committed():
        assert run("unlock", "Ada") == "Lifted 1 lockout: Ada may sign in again.\n"
    assert sign_in(client, "ada", RIGHT).status_code == 302
    entry = AuditEntry.objects.get(action=Action.LOGIN_UNLOCKED)
    assert (entry.actor, entry.object_label) == (None, "Account ada")
    assert run("list") == "No lockout holds now.\n"


def test_the_command_lifts_an_address_and_says_when_nothing_holds(client):
    for n in range(20):
        sign_in(client, f"name-{n}", "wrong", ip="198.51.100.66")
    assert json.loads(run("unlock", "--ip", "198.51.100.66", "--json"))["lifted"] == 1
    assert run("unlock", "nobody") == "No lockout holds nobody: nothing to lift.\n"


def test_the_command_needs_a_name_or_an_address():
    with pytest.raises(CommandError, match="Name the account"):
        run("unlock")
