"""A member's sessions end when their role or their password changes (but the one acting)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from masthead.backoffice import services
from masthead.backoffice.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action
INDEX = reverse("admin:index")


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(INDEX).status_code == 200
    return client


def member_screen(user: Any) -> str:
    return reverse("admin:auth_user_change", args=[user.pk])


def change_role(admin: Client, user: Any, role: str) -> Any:
    form = {
        "username": user.username, "first_name": "", "last_name": "", "email": user.email,
        "is_active": "on", "role": role, "author": "",
    }  # fmt: skip
    return admin.post(member_screen(user), form)


def test_a_role_change_signs_the_member_out_everywhere(committed):
    ada = factories.person("Editor", "ada")
    laptop, phone = signed_in(ada), signed_in(ada)
    admin = signed_in(factories.person("Administrator", "grace"))
    with committed():
        assert change_role(admin, ada, "Author").status_code == 302
    for device in (laptop, phone):
        assert device.get(INDEX)["Location"].startswith(reverse("admin:login"))
    assert admin.get(INDEX).status_code == 200
    entry = AuditEntry.objects.get(action=Action.SESSIONS_ENDED)
    assert (entry.object_label, entry.detail) == ("ada", {"sessions": 2, "why": "role changed"})


def test_saving_a_member_without_changing_the_role_keeps_their_sessions():
    ada = factories.person("Editor", "ada")
    laptop = signed_in(ada)
    admin = signed_in(factories.person("Administrator", "grace"))
    assert change_role(admin, ada, "Editor").status_code == 302
    assert laptop.get(INDEX).status_code == 200


def test_an_administrator_changing_their_own_role_stays_signed_in_here():
    grace = factories.person("Administrator", "grace")
    factories.person("Administrator", "other")
    elsewhere, here = signed_in(grace), signed_in(grace)
    assert change_role(here, grace, "Editor").status_code == 302
    assert here.get(INDEX).status_code == 200
    assert elsewhere.get(INDEX).status_code == 302


def test_set_role_from_a_command_ends_every_session():
    ada = factories.person("Editor", "ada")
    signed_in(ada)
    services.set_role(user=ada, role=None)
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id")]


def test_an_administrator_setting_someones_password_signs_them_out(committed):
    ada = factories.person("Editor", "ada")
    laptop = signed_in(ada)
    admin = signed_in(factories.person("Administrator", "grace"))
    url = reverse("admin:auth_user_password_change", args=[ada.pk])
    form = {
        "usable_password": "true",
        "password1": "n3w-pass-phrase!",
        "password2": "n3w-pass-phrase!",
    }
    with committed():
        assert admin.post(url, form).status_code == 302
    assert laptop.get(INDEX).status_code == 302
    assert admin.get(INDEX).status_code == 200
    assert Session.objects.count() == 1  # the rows went, not only their use
    changed = AuditEntry.objects.get(action=Action.PASSWORD_CHANGED)
    assert (changed.actor.username, changed.object_label) == ("grace", "ada")


def test_changing_ones_own_password_keeps_this_session_and_ends_the_others():
    ada = factories.person("Editor", "ada")
    elsewhere, here = signed_in(ada), signed_in(ada)
    form = {
        "old_password": "pw-123456",
        "new_password1": "n3w-pass-phrase!",
        "new_password2": "n3w-pass-phrase!",
    }
    assert here.post(reverse("admin:password_change"), form).status_code == 302
    assert here.get(INDEX).status_code == 200
    assert elsewhere.get(INDEX).status_code == 302


def test_signing_in_records_no_password_change(client, committed, settings):
    """Django re-hashing a password at sign-in (new hasher settings) changes nothing."""
    ada = factories.person("Editor", "ada")  # hashed with Argon2, the first hasher
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    with committed():
        response = client.post(reverse("admin:login"), {"username": "ada", "password": "pw-123456"})
    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.password.startswith("pbkdf2_")  # re-hashed
    assert not AuditEntry.objects.filter(action=Action.PASSWORD_CHANGED).exists()
