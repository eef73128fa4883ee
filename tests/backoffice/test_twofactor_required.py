"""``MASTHEAD_2FA_REQUIRED_FOR``: a required role sets two-factor up before anything else."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masthead.api import services as api
from masthead.backoffice import twofactor
from masthead.backoffice.twofactor import Policy
from tests import factories
from tests.backoffice.otp import code, code_step, enrol, password_step, signed_in

pytestmark = pytest.mark.django_db

OVERVIEW, SET_UP = reverse("admin:twofactor"), reverse("admin:twofactor_set_up")
INDEX, STORIES = reverse("admin:index"), reverse("admin:articles_article_changelist")
DRAFTS = "/api/v1/articles/?status=draft"


@pytest.fixture
def required(settings: Any) -> Any:
    """``required("administrators")`` sets the setting as the environment variable would."""

    def require(who: str) -> None:
        settings.TWO_FACTOR_REQUIRED_FOR = who

    return require


def test_administrators_means_the_role_and_superusers_only():
    policy = Policy(required_for="administrators")
    admin, editor = factories.person("Administrator"), factories.person("Editor")
    boss = factories.person("Editor", is_superuser=True)
    assert [policy.requires(u) for u in (admin, editor, boss)] == [True, False, True]


def test_staff_means_everyone_the_back_office_is_open_to():
    policy = Policy(required_for="staff")
    member, outsider = factories.person("Contributor"), factories.person("Contributor")
    outsider.is_staff = False
    assert [policy.requires(member), policy.requires(outsider)] == [True, False]
    assert not Policy(required_for="none").requires(member)


def test_an_administrator_without_it_is_sent_to_set_it_up_and_nowhere_else(client, required):
    required("administrators")
    factories.person("Administrator", "ada")
    response = password_step(client, "ada")
    assert response["Location"] == INDEX
    for screen in (INDEX, STORIES, reverse("admin:password_change"), "/admin/nowhere/"):
        assert client.get(screen)["Location"] == OVERVIEW, screen
    page = client.get(OVERVIEW)
    assert page.status_code == 200
    assert "Your role requires two-factor sign-in" in page.content.decode()
    assert client.post(OVERVIEW, {"start": "1"})["Location"] == SET_UP
    assert client.get(SET_UP).status_code == 200


def test_once_set_up_the_back_office_opens(client, required, travel):
    required("administrators")
    ada = factories.person("Administrator", "ada")
    password_step(client, "ada")
    client.post(OVERVIEW, {"start": "1"})
    device = twofactor.pending_app_of(ada)
    assert client.post(SET_UP, {"code": code(device)}).status_code == 200
    assert client.get(STORIES).status_code == 200


def test_an_editor_is_not_held_when_only_administrators_must(client, required):
    required("administrators")
    factories.person("Editor", "ed")
    password_step(client, "ed")
    assert client.get(STORIES).status_code == 200


def test_staff_holds_every_role(client, required):
    required("staff")
    factories.person("Contributor", "cy")
    password_step(client, "cy")
    assert client.get(STORIES)["Location"] == OVERVIEW


def test_a_member_held_can_still_sign_out(client, required):
    required("staff")
    factories.person("Editor", "ed")
    password_step(client, "ed")
    assert client.post(reverse("admin:logout")).status_code == 200
    assert not signed_in(client)


def test_with_it_set_up_the_required_role_signs_in_with_two_steps(client, required, travel):
    required("administrators")
    ada = factories.person("Administrator", "ada")
    device, _ = enrol(ada)
    travel(30)
    password_step(client, "ada")
    code_step(client, code(device))
    assert client.get(STORIES).status_code == 200


def test_the_api_takes_a_held_session_for_a_readers(required):
    """Half signed in is not signed in: the API's session authentication sees nobody."""
    required("administrators")
    ada = factories.person("Administrator", "ada")
    client = Client()
    client.force_login(ada)
    assert client.get(DRAFTS).status_code in (401, 403)
    required("none")
    assert client.get(DRAFTS).status_code == 200


def test_the_api_takes_no_session_awaiting_its_code(client, travel):
    ada = factories.person("Administrator", "ada")
    enrol(ada)
    travel(30)
    password_step(client, "ada")
    assert client.get(DRAFTS).status_code in (401, 403)


def test_tokens_are_not_held(required):
    """A personal token is a secret of its own: two-factor sign-in is about the back office."""
    required("administrators")
    ada = factories.person("Administrator", "ada")
    secret = api.issue_token(user=ada, name="cms").secret
    response = Client().get(DRAFTS, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200


def test_the_gate_costs_a_back_office_page_at_most_two_queries(required, travel):
    """Off (the default) it reads nothing; on, the role and whether an app is confirmed."""
    ada = factories.person("Administrator", "ada")
    enrol(ada)
    client = Client()
    client.force_login(ada)
    counts = {}
    for who in ("none", "administrators"):
        required(who)
        client.get(STORIES)  # what the page caches, cached
        with CaptureQueriesContext(connection) as queries:
            assert client.get(STORIES).status_code == 200
        counts[who] = len(queries)
    assert 0 < counts["administrators"] - counts["none"] <= 2
