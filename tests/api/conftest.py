"""Fixtures for the API: a client, users holding chosen permissions, and their tokens."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission, User
from rest_framework.test import APIClient

from masthead.api import services
from tests.api.webhook_receiver import http_receiver  # noqa: F401 (the webhook tests' fixture)


def user_with(*perms: str, username: str = "editor") -> User:
    """A staff user whose group grants ``perms`` (``app_label.codename``), as roles do."""
    user = User.objects.create_user(username, password="a-long-test-password")
    group = Group.objects.create(name=f"{username} role")
    for perm in perms:
        app_label, codename = perm.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user.groups.add(group)
    return user


def client_for(user: User | None = None, name: str = "test") -> APIClient:
    """A client sending ``user``'s new token (or none, for a reader)."""
    client = APIClient()
    if user is not None:
        secret = services.issue_token(user=user, name=name).secret
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def reader() -> APIClient:
    """A client without credentials."""
    return APIClient()


@pytest.fixture
def editor_client(db: Any) -> APIClient:
    """A token of an Editor's: they act on every story, publish, trash and upload."""
    user = User.objects.create_user("editor", password="a-long-test-password")
    user.groups.add(Group.objects.get(name="Editor"))
    return client_for(user)


@pytest.fixture
def moderator_client(db: Any) -> APIClient:
    """A token whose user may change (moderate) comments."""
    return client_for(user_with("comments.change_comment", username="moderator"))


def problem(response: Any, status: int) -> dict[str, Any]:
    """The problem in ``response``, after checking its status and media type."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail", "instance"} <= set(body)
    return body  # type: ignore[no-any-return]
