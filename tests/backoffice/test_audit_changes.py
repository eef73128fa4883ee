"""The audit log records the workflow's moves, role changes and settings changes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from masthead.articles import services
from masthead.articles.models import Article, SiteSettings
from masthead.backoffice import audit
from masthead.backoffice.middleware import AuditOrigin
from masthead.backoffice.models import AuditEntry
from masthead.comments.models import CommentSettings
from masthead.core import clock
from tests import factories

pytestmark = pytest.mark.django_db

Action, Status = AuditEntry.Action, Article.Status
MIDDLEWARE = "masthead.backoffice.middleware.AuditOrigin"
AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"


@pytest.fixture
def with_origin(settings: Any) -> None:
    """The audit middleware in its place, right after the authentication middleware."""
    if MIDDLEWARE not in settings.MIDDLEWARE:
        at = settings.MIDDLEWARE.index(AUTH) + 1
        settings.MIDDLEWARE = [*settings.MIDDLEWARE[:at], MIDDLEWARE, *settings.MIDDLEWARE[at:]]


def in_request(user: Any, ip: str, work: Any) -> None:
    """Run ``work()`` as a view would, in a request by ``user`` from ``ip``."""
    request = RequestFactory().post("/admin/", REMOTE_ADDR=ip)
    request.user = user

    def view(request: Any) -> HttpResponse:
        work()
        return HttpResponse()

    AuditOrigin(view)(request)


def entries() -> list[tuple[str, str, str | None]]:
    return list(AuditEntry.objects.order_by("id").values_list("action", "actor_name", "ip"))


def test_publishing_records_who_what_and_from_where(committed):
    editor, story = factories.person("Editor", "ed"), factories.article(status=Status.DRAFT)

    def publish() -> None:
        services.publish_article(article=story, by=editor)

    with committed():
        in_request(editor, "203.0.113.7", publish)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.ip) == (Action.PUBLISHED, editor, "203.0.113.7")
    assert (entry.object_type, entry.object_id, entry.object_label) == (
        "articles.article",
        str(story.pk),
        story.title,
    )
    assert entry.object_url == reverse("admin:articles_article_change", args=[story.pk])
    assert entry.detail == {"status": {"from": "draft", "to": "published"}}


def test_a_service_called_without_by_is_put_on_the_requests_user(committed):
    editor, story = factories.person("Editor", "ed"), factories.article()
    with committed():
        in_request(editor, "203.0.113.7", lambda: services.unpublish_article(article=story))
    assert entries() == [(Action.UNPUBLISHED, "ed", "203.0.113.7")]


def test_the_admins_publish_action_is_recorded_with_the_address(client, committed, with_origin):
    editor, story = factories.person("Editor", "ed"), factories.article(status=Status.DRAFT)
    client.force_login(editor)
    with committed():
        client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish", "_selected_action": [story.pk]},
            REMOTE_ADDR="203.0.113.7",
        )
    assert entries() == [(Action.PUBLISHED, "ed", "203.0.113.7")]


def test_every_move_of_the_workflow_has_its_name(committed):
    editor, story = factories.person("Editor", "ed"), factories.article(status=Status.DRAFT)
    moves = [
        (services.submit_for_review, {}), (services.return_to_draft, {}),
        (services.publish_article, {"at": clock.now() + timedelta(days=1)}),
        (services.unpublish_article, {}), (services.trash_article, {}),
        (services.return_to_draft, {}),
    ]  # fmt: skip
    with committed():
        for move, extra in moves:
            move(article=story, by=editor, **extra)
    assert [action for action, _, _ in entries()] == [
        Action.SUBMITTED, Action.RETURNED_TO_DRAFT, Action.SCHEDULED,
        Action.UNPUBLISHED, Action.TRASHED, Action.RESTORED,
    ]  # fmt: skip
    assert "for" in AuditEntry.objects.get(action=Action.SCHEDULED).detail


def test_a_new_draft_and_an_imported_story_are_no_moves(committed):
    with committed():
        factories.article(status=Status.DRAFT)
        factories.article()  # published by the system, as an import does
    assert entries() == []


def test_a_rolled_back_save_records_nothing(committed):
    editor, story = factories.person("Editor", "ed"), factories.article(status=Status.DRAFT)

    def publish_then_fail() -> None:
        with transaction.atomic():
            services.publish_article(article=story, by=editor)
            raise RuntimeError("something after the save failed")

    with committed(), pytest.raises(RuntimeError):
        publish_then_fail()
    assert entries() == []
    assert Article.objects.get(pk=story.pk).status == Status.DRAFT


def test_a_change_of_role_is_recorded_with_the_roles_given_and_taken(committed):
    admin, ada = factories.person("Administrator", "boss"), factories.person("Editor", "ada")
    editors, authors = Group.objects.get(name="Editor"), Group.objects.get(name="Author")

    def demote() -> None:
        ada.groups.remove(editors, Group.objects.get(name="Contributor"))  # one not held
        ada.groups.add(authors)

    with committed():
        in_request(admin, "203.0.113.7", demote)
    rows = AuditEntry.objects.order_by("id").values_list("action", "actor_name", "detail")
    assert list(rows) == [
        (Action.ROLE_CHANGED, "boss", {"removed": ["Editor"]}),
        (Action.ROLE_CHANGED, "boss", {"added": ["Author"]}),
    ]
    assert AuditEntry.objects.filter(object_label="ada").count() == 2


def test_a_role_given_by_a_command_puts_every_entry_on_whoever_gave_it(committed):
    from masthead.backoffice import services

    admin = factories.person("Administrator", "boss")
    newcomer = get_user_model().objects.create_user("newcomer", "n@example.org", "pw-123456")

    with committed():
        services.set_role(user=newcomer, role="Author", by=admin)  # no request around it

    rows = AuditEntry.objects.order_by("id").values_list("actor_name", "detail")
    assert list(rows) == [
        ("boss", {"added": ["Author"]}),
        ("boss", {"is_staff": {"from": False, "to": True}}),
    ]


def test_roles_changed_from_the_groups_side_or_cleared_are_recorded(committed):
    ada = factories.person("Editor", "ada")
    with committed():
        Group.objects.get(name="Administrator").user_set.add(ada)
        ada.groups.clear()
    details = list(AuditEntry.objects.order_by("id").values_list("detail", flat=True))
    assert details == [{"added": ["Administrator"]}, {"removed": ["Administrator", "Editor"]}]


def test_making_someone_superuser_is_recorded_but_signing_in_is_not_a_role_change(committed):
    ada = factories.person("Editor", "ada")
    with committed():
        ada.is_superuser = True
        ada.save()
        ada.last_login = clock.now()
        ada.save(update_fields=["last_login"])
    entry = AuditEntry.objects.get()
    assert entry.action == Action.ROLE_CHANGED
    assert entry.detail == {"is_superuser": {"from": False, "to": True}}


def test_a_settings_change_records_which_settings_changed(committed):
    admin = factories.person("Administrator", "boss")
    site = SiteSettings.objects.create(name="The Gazette")

    def edit() -> None:
        site.name, site.per_page = "The Evening Gazette", 20
        site.save()

    with committed():
        in_request(admin, "203.0.113.7", edit)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.ip) == (Action.SETTINGS_CHANGED, admin, "203.0.113.7")
    assert entry.detail == {
        "name": {"from": "The Gazette", "to": "The Evening Gazette"},
        "per_page": {"from": "12", "to": "20"},
    }


def test_saving_settings_unchanged_records_nothing(committed):
    rules = CommentSettings.objects.create()
    with committed():
        rules.save()
    assert entries() == []


def test_comment_settings_changed_in_the_back_office_are_recorded(client, committed, with_origin):
    admin, rules = factories.person("Administrator", "boss"), CommentSettings.objects.create()
    client.force_login(admin)
    url = reverse("admin:comments_commentsettings_change", args=[rules.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    with committed():
        response = client.post(url, {**data, "max_links": 0}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302, response.content.decode()[:1500]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor_name) == (Action.SETTINGS_CHANGED, "boss")
    assert entry.ip == "203.0.113.7"
    assert entry.detail == {"max_links": {"from": "2", "to": "0"}}


def test_record_captures_the_object_as_it_was(committed):
    story = factories.article(title="Before")
    with committed(), transaction.atomic():
        audit.record(action=Action.TRASHED, obj=story)
        story.title = "After"
    assert AuditEntry.objects.get().object_label == "Before"
