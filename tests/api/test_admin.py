"""Tokens in the back office: issued with the secret shown once, revoked in bulk."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from masthead.api import services
from masthead.api.models import ApiToken
from tests.api.conftest import user_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("boss", password="a-long-test-password"))
    return client


def test_adding_a_token_shows_its_secret_once(admin_client):
    owner = user_with()
    response = admin_client.post(
        "/admin/api/apitoken/add/", {"name": "wire bot", "user": owner.pk}, follow=True
    )
    token = ApiToken.objects.get(name="wire bot")
    shown = [str(m) for m in response.context["messages"]]
    secret = next(word for word in shown[0].split() if word.startswith("mh_"))
    assert services.digest(secret) == token.digest
    assert token.user == owner
    page = admin_client.get(f"/admin/api/apitoken/{token.pk}/change/")
    assert secret not in page.content.decode()


def test_the_revoke_action_revokes(admin_client):
    issued = services.issue_token(user=user_with(), name="cms")
    admin_client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [issued.token.pk]},
    )
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None
    assert services.authenticate(issued.secret) is None


def test_the_token_pages_render(admin_client):
    issued = services.issue_token(user=user_with(), name="cms")
    for url in ("/admin/api/apitoken/", "/admin/api/apitoken/add/",
                f"/admin/api/apitoken/{issued.token.pk}/change/"):  # fmt: skip
        assert admin_client.get(url).status_code == 200, url


def test_an_issued_token_cannot_be_edited_into_another(admin_client):
    """Owner and name stay as issued: a change form saves nothing."""
    issued = services.issue_token(user=user_with(), name="cms")
    other = user_with(username="other")
    admin_client.post(f"/admin/api/apitoken/{issued.token.pk}/change/",
                      {"name": "renamed", "user": other.pk})  # fmt: skip
    issued.token.refresh_from_db()
    assert (issued.token.name, issued.token.user.username) == ("cms", "editor")
