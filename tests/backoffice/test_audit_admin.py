"""The audit log's screen: Administrators read it; nobody edits or deletes it there."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from masthead.backoffice import roles
from masthead.backoffice.models import AuditEntry
from masthead.core import clock
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action
LOG = reverse("admin:backoffice_auditentry_changelist")


def entry(action: str = Action.LOGIN, **fields: Any) -> AuditEntry:
    defaults = {"actor_name": "ada", "ip": "203.0.113.7", "object_label": "ada"}
    return AuditEntry.objects.create(action=action, **{**defaults, **fields})


def rows(page: Any) -> list[list[str]]:
    """The log's rows as cells, without the first (the time, which differs every run)."""
    return [
        [text(c) for c in tr.select("th, td")][1:] for tr in page.select("#result_list tbody tr")
    ]


def signed_in(client: Any, role: str) -> Any:
    client.force_login(factories.person(role, f"{role.lower()}-reader"))
    return client


def test_only_administrators_hold_the_permission_to_read_the_log():
    for role in roles.ROLES:
        held = roles.held(Group.objects.get(name=role))
        assert ("backoffice.view_auditentry" in held) == (role == roles.ADMINISTRATOR)


@pytest.mark.parametrize("role", [roles.EDITOR, roles.AUTHOR, roles.CONTRIBUTOR])
def test_everyone_else_is_refused_the_log(client, role: str):
    entry()
    signed_in(client, role)
    assert client.get(LOG).status_code == 403
    assert (
        client.get(reverse("admin:backoffice_auditentry_change", args=[entry().pk])).status_code
        == 403
    )
    assert LOG not in client.get(reverse("admin:index")).content.decode()


def test_an_administrator_reads_the_log_newest_first(client):
    entry(at=clock.now() - timedelta(hours=2), object_label="older")
    entry(Action.PUBLISHED, object_label="A story", object_url="/admin/articles/article/1/change/")
    page = soup(signed_in(client, roles.ADMINISTRATOR).get(LOG))
    assert rows(page) == [
        ["ada", "Published", "A story", "203.0.113.7"],
        ["ada", "Signed in", "older", "203.0.113.7"],
    ]
    assert page.select_one("#result_list a[href='/admin/articles/article/1/change/']")


def test_the_log_is_filtered_by_action_and_searched_by_name(client):
    entry(Action.LOGIN_FAILED, actor_name="", object_label="mallory")
    entry(Action.SETTINGS_CHANGED, actor_name="boss", object_label="The Gazette")
    signed_in(client, roles.ADMINISTRATOR)
    failed = soup(client.get(LOG, {"action__exact": Action.LOGIN_FAILED}))
    assert rows(failed) == [["-", "Sign-in failed", "mallory", "203.0.113.7"]]
    found = soup(client.get(LOG, {"q": "boss"}))
    assert rows(found) == [["boss", "Settings changed", "The Gazette", "203.0.113.7"]]


def test_the_log_page_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    signed_in(client, roles.ADMINISTRATOR)
    entry()
    client.get(LOG)  # sessions, content types and the like are warm from here on
    with django_assert_max_num_queries(12) as few:
        client.get(LOG)
    for i in range(40):
        entry(Action.PUBLISHED, object_label=f"Story {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LOG).status_code == 200


def test_an_entry_opens_read_only_with_its_details(client):
    item = entry(Action.SETTINGS_CHANGED, detail={"name": {"from": "Old", "to": "New"}})
    page = soup(signed_in(client, roles.ADMINISTRATOR).get(
        reverse("admin:backoffice_auditentry_change", args=[item.pk])
    ))  # fmt: skip
    assert "name: Old → New" in text(page.select_one(".field-details"))
    assert not page.select("input[type=submit]")
    assert not page.select("a.deletelink")


def test_not_even_a_superuser_adds_changes_or_deletes_an_entry(client):
    item = entry()
    boss = get_user_model().objects.create_superuser("root", "root@example.org", "pw-123456")
    client.force_login(boss)
    change = reverse("admin:backoffice_auditentry_change", args=[item.pk])
    assert client.get(reverse("admin:backoffice_auditentry_add")).status_code == 403
    assert (
        client.get(reverse("admin:backoffice_auditentry_delete", args=[item.pk])).status_code == 403
    )
    client.post(change, {"actor_name": "someone else"})
    client.post(LOG, {"action": "delete_selected", "_selected_action": [item.pk], "post": "yes"})
    assert AuditEntry.objects.get().actor_name == "ada"
