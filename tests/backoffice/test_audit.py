"""The audit log records sign-ins, failed sign-ins and sign-outs: who, when, from where."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils.functional import empty

from masthead.backoffice import audit
from masthead.backoffice.middleware import AuditOrigin
from masthead.backoffice.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action
LOGIN = reverse("admin:login")


def sign_in(client: Any, username: str, password: str, **extra: Any) -> Any:
    """Post the back office's own sign-in form."""
    form = {"username": username, "password": password, "next": reverse("admin:index")}
    return client.post(LOGIN, form, **extra)


def test_signing_in_through_the_form_records_who_and_from_where(client, committed):
    editor = factories.person("Editor", "ada")
    with committed():
        response = sign_in(client, "ada", "pw-123456", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.actor_name) == (Action.LOGIN, editor, "ada")
    assert entry.ip == "203.0.113.7"
    assert entry.object_url == reverse("admin:auth_user_change", args=[editor.pk])


def test_a_failed_sign_in_records_the_name_tried_and_never_the_password(client, committed):
    factories.person("Editor", "ada")
    with committed():
        response = sign_in(client, "ada", "Guessed-Secret-99", REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 200  # the form again, with its error
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.actor_name) == (Action.LOGIN_FAILED, None, "")
    assert (entry.object_label, entry.detail) == ("ada", {"username": "ada"})
    assert entry.ip == "198.51.100.4"
    assert "Guessed-Secret-99" not in str(AuditEntry.objects.values().get())


def test_a_failed_sign_in_as_nobody_is_recorded_too(client, committed):
    with committed():
        sign_in(client, "no-such-person", "whatever", REMOTE_ADDR="198.51.100.5")
    assert AuditEntry.objects.get().object_label == "no-such-person"


def test_signing_out_records_who_left(client, committed):
    editor = factories.person("Editor", "ada")
    client.force_login(editor)
    with committed():
        client.post(reverse("admin:logout"), REMOTE_ADDR="203.0.113.8")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.ip) == (Action.LOGOUT, editor, "203.0.113.8")


def test_behind_the_https_proxy_the_address_is_the_last_forwarded_hop(client, committed, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    factories.person("Editor", "ada")
    with committed():
        sign_in(
            client, "ada", "pw-123456",
            REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.9",
        )  # fmt: skip
    assert AuditEntry.objects.get().ip == "203.0.113.9"


def test_without_the_proxy_a_forwarded_address_is_not_believed(client, committed):
    factories.person("Editor", "ada")
    with committed():
        sign_in(client, "ada", "pw-123456", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert AuditEntry.objects.get().ip == "10.0.0.2"


@pytest.mark.parametrize("address", ["", "not-an-address", "unknown, 203.0.113.1 x"])
def test_an_address_that_is_none_is_stored_as_none(address: str):
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    assert audit.client_ip(request) is None


def test_an_entry_keeps_the_name_of_someone_deleted_since(committed):
    editor = factories.person("Editor", "ada")
    with committed():
        audit.record(action=Action.LOGIN, actor=editor, obj=editor, ip="203.0.113.7")
    editor.delete()
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_name, entry.object_label) == (None, "ada", "ada")
    assert str(entry) == "ada: signed in ada"


def test_nothing_is_recorded_for_what_rolls_back(committed):
    editor = factories.person("Editor", "ada")

    def fail_after_recording() -> None:
        with transaction.atomic():
            audit.record(action=Action.LOGIN, actor=editor)
            raise RuntimeError("the change failed")

    with committed(), pytest.raises(RuntimeError):
        fail_after_recording()
    assert not AuditEntry.objects.exists()


def test_the_origin_lasts_as_long_as_the_request_and_loads_no_one_for_it():
    seen = []

    def view(request: Any) -> HttpResponse:
        seen.append(audit.current_origin())
        return HttpResponse()

    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    SessionMiddleware(AuthenticationMiddleware(AuditOrigin(view)))(request)
    assert [origin.ip for origin in seen] == ["203.0.113.7"]
    assert seen[0].user is request.user
    assert request.user._wrapped is empty  # nothing was recorded, so nobody was looked up
    assert audit.current_origin() is audit.NOBODY


def test_an_entry_names_who_acts_and_from_where_unless_told_otherwise(committed):
    editor, admin = factories.person("Editor", "ada"), factories.person("Administrator", "root")
    with committed(), audit.acting(user=editor, ip="203.0.113.7"):
        audit.record(action=Action.SETTINGS_CHANGED, obj=editor)
        audit.record(action=Action.LOGIN_UNLOCKED, actor=admin, ip="198.51.100.2", label="x")
    found = AuditEntry.objects.order_by("id").values_list("actor_name", "ip")
    assert list(found) == [("ada", "203.0.113.7"), ("root", "198.51.100.2")]


def test_outside_a_request_an_entry_names_nobody_from_nowhere(committed):
    with committed():
        audit.record(action=Action.SETTINGS_CHANGED, label="site")
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_name, entry.ip) == (None, "", None)
