"""An Administrator resets a member's two-factor sign-in (a lost phone): People, or the command."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from masthead.backoffice import twofactor
from masthead.backoffice.models import AuditEntry
from tests import factories
from tests.backoffice.otp import enrol, password_step
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action


def reset_screen(user: Any) -> str:
    return reverse("admin:auth_user_twofactor_reset", args=[user.pk])


@pytest.fixture
def ada(travel: Any) -> Any:
    user = factories.person("Editor", "ada")
    enrol(user)
    return user


@pytest.fixture
def grace() -> Client:
    client = Client()
    client.force_login(factories.person("Administrator", "grace"))
    return client


def test_a_members_screen_says_two_factor_is_on_and_links_to_the_reset(ada, grace):
    page = soup(grace.get(reverse("admin:auth_user_change", args=[ada.pk])))
    field = page.select_one(".field-two_factor")
    assert "On since" in text(field)
    assert "10 recovery codes left" in text(field)
    assert field.select_one("a")["href"] == reset_screen(ada)
    listing = soup(grace.get(reverse("admin:auth_user_changelist")))
    shown = {
        text(row.select_one(".field-username")): row.select_one(".field-two_factor_on img")["alt"]
        for row in listing.select("#result_list tbody tr")
    }
    assert shown == {"ada": "True", "grace": "False"}


def test_the_reset_asks_first_then_turns_it_off_and_ends_their_sessions(ada, grace, committed):
    phone = Client()
    phone.force_login(ada)
    assert "will stop working" in grace.get(reset_screen(ada)).content.decode()
    assert twofactor.is_on(ada)
    with committed():
        response = grace.post(reset_screen(ada))
    assert response["Location"] == reverse("admin:auth_user_change", args=[ada.pk])
    assert not twofactor.is_on(ada)
    assert twofactor.recovery_left(ada) == 0
    assert phone.get(reverse("admin:index")).status_code == 302
    entry = AuditEntry.objects.get(action=Action.TWO_FACTOR_RESET)
    assert (entry.actor_name, entry.object_label) == ("grace", "ada")
    assert AuditEntry.objects.filter(action=Action.SESSIONS_ENDED, object_label="ada").exists()
    # Their password alone signs them in now.
    assert password_step(Client(), "ada")["Location"] == reverse("admin:index")


@pytest.mark.parametrize("role", ["Editor", "Author", "Contributor"])
def test_only_those_who_may_change_people_reset_it(ada, role):
    client = Client()
    client.force_login(factories.person(role))
    assert client.post(reset_screen(ada)).status_code == 403
    assert twofactor.is_on(ada)


def test_resetting_someone_without_it_changes_nothing(grace):
    bob = factories.person("Editor", "bob")
    assert "nothing to reset" in grace.get(reset_screen(bob)).content.decode()
    grace.post(reset_screen(bob))
    assert not AuditEntry.objects.filter(action=Action.TWO_FACTOR_RESET).exists()


def test_an_unknown_member_is_a_404(grace):
    assert grace.get(reverse("admin:auth_user_twofactor_reset", args=[9999])).status_code == 404


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("twofactor", *args, stdout=out)
    return out.getvalue()


def test_the_command_lists_who_has_it_and_who_must(ada, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = "administrators"
    factories.person("Administrator", "grace")
    rows = {row["username"]: row for row in json.loads(run("list", "--json"))}
    assert rows["ada"]["on"]
    assert rows["ada"]["recovery_codes"] == 10
    assert (rows["ada"]["role"], rows["ada"]["required"]) == ("Editor", False)
    assert (rows["grace"]["on"], rows["grace"]["required"]) == (False, True)
    plain = run("list")
    assert "grace" in plain
    assert "required: must set it up" in plain


def test_the_command_resets_a_member(ada, committed):
    with committed():
        assert json.loads(run("reset", "ada", "--json")) == {
            "action": "reset", "username": "ada", "reset": True,
        }  # fmt: skip
    assert not twofactor.is_on(ada)
    entry = AuditEntry.objects.get(action=Action.TWO_FACTOR_RESET)
    assert entry.actor is None
    assert entry.object_label == "ada"
    assert "nothing to reset" in run("reset", "ada")


def test_the_command_names_an_unknown_member():
    with pytest.raises(CommandError, match="No account is named 'nobody'"):
        run("reset", "nobody")
