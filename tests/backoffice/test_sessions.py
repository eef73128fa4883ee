"""A member's sessions end when their role or their password changes (but the one acting)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore as CommenterStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masthead.backoffice import services, sessions
from masthead.backoffice.models import AuditEntry, StaffSession
from tests import factories
from tests.conftest import ago

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
    assert not StaffSession.objects.exists()


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
    assert StaffSession.objects.count() == 1  # the rows went, not only their use
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
    # Django gave this session a new key; its owner went with it, so a role change finds it.
    (kept,) = StaffSession.objects.all()
    assert (kept.session_key, kept.user_id) == (here.session.session_key, ada.pk)


def remembered_commenters(count: int) -> None:
    for number in range(count):
        store = CommenterStore()
        store["masthead_commenter"] = {"name": f"Reader {number}", "email": "", "url": ""}
        store.create()


def test_ending_sessions_reads_the_members_own_rows_only():
    """However many commenters are remembered, none of their rows is read (or decoded)."""
    ada = factories.person("Editor", "ada")
    signed_in(ada), signed_in(factories.person("Editor", "bob"))
    remembered_commenters(30)
    with CaptureQueriesContext(connection) as queries:
        assert sessions.end_sessions(user=ada, why="test") == 1
    assert not [q for q in queries if '"django_session"' in q["sql"]]
    assert len(queries) == 3  # the keys by index, then each session read and deleted
    assert Session.objects.count() == 30
    assert list(StaffSession.objects.values_list("user_id", flat=True)) == [
        User.objects.get(username="bob").pk
    ]


def test_clearing_expired_sessions_clears_the_commenters_expired_details_too():
    signed_in(factories.person("Editor", "ada"))
    remembered_commenters(2)
    for model in (Session, StaffSession):
        model.objects.update(expire_date=ago(seconds=1))
    sessions.SessionStore.clear_expired()
    assert not Session.objects.exists()
    assert not StaffSession.objects.exists()


def test_the_upgrade_moves_signed_in_sessions_and_leaves_the_commenters_details():
    """What the 0006 migration does to the sessions a site had before it."""
    ada = factories.person("Editor", "ada")
    signed_in(ada)
    remembered_commenters(2)
    (staff,) = StaffSession.objects.all()
    key = staff.session_key
    Session.objects.create(
        session_key=staff.session_key, session_data=staff.session_data,
        expire_date=staff.expire_date,
    )  # fmt: skip
    staff.delete()
    migration = import_module("masthead.backoffice.migrations.0006_staff_sessions")
    migration.move_signed_in(apps, None)
    assert Session.objects.count() == 2
    (moved,) = StaffSession.objects.all()
    assert (moved.session_key, moved.user_id) == (key, ada.pk)


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
