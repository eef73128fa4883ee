"""API tokens: stored as hashes, several per user, revocable, authenticating as their user."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User

from masthead.api import services
from masthead.api.models import ApiToken
from masthead.core import clock
from tests.api.conftest import client_for, problem, user_with

pytestmark = pytest.mark.django_db
DRAFTS = "/api/v1/articles/?status=draft"


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_only_a_digest_of_the_secret_is_stored():
    issued = services.issue_token(user=user_with(), name="wire bot")
    row = ApiToken.objects.values().get(pk=issued.token.pk)
    assert issued.secret.startswith("mh_")
    assert len(issued.secret) > 40
    assert issued.secret not in {str(v) for v in row.values()}
    assert row["digest"] == services.digest(issued.secret)
    assert issued.secret.startswith(row["prefix"])


def test_a_user_may_hold_several_named_tokens():
    user = user_with()
    first = services.issue_token(user=user, name="wire bot")
    second = services.issue_token(user=user, name="newsletter")
    assert first.secret != second.secret
    assert set(user.api_tokens.values_list("name", flat=True)) == {"wire bot", "newsletter"}


def test_a_token_acts_with_its_users_permissions(reader):
    editor = user_with("articles.change_article")
    secret = services.issue_token(user=editor, name="cms").secret
    assert reader.get(DRAFTS, **bearer(secret)).status_code == 200
    nobody = services.issue_token(user=user_with(username="nobody"), name="cms").secret
    problem(reader.get(DRAFTS, **bearer(nobody)), 403)


def test_a_revoked_token_no_longer_authenticates(reader):
    issued = services.issue_token(user=user_with("articles.change_article"), name="cms")
    assert services.revoke_tokens(tokens=[issued.token]) == 1
    response = reader.get(DRAFTS, **bearer(issued.secret))
    problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert services.revoke_tokens(tokens=[issued.token]) == 0  # already revoked


def test_a_deactivated_users_tokens_stop_working(reader):
    user = user_with("articles.change_article")
    secret = services.issue_token(user=user, name="cms").secret
    User.objects.filter(pk=user.pk).update(is_active=False)
    problem(reader.get(DRAFTS, **bearer(secret)), 401)


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer mh_unknown", "Bearer a b", "Bearer nope", "Bearer mh_" + "x" * 500],
)
def test_a_wrong_or_malformed_token_is_a_401_problem(reader, header):
    problem(reader.get("/api/v1/articles/", HTTP_AUTHORIZATION=header), 401)


def test_other_authorization_schemes_are_left_alone(reader):
    """A Basic header (say, from a proxy's password) is not a token: the reader is anonymous."""
    response = reader.get("/api/v1/articles/", HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")
    assert response.status_code == 200


def test_use_is_recorded_at_most_once_a_minute(reader, monkeypatch, django_assert_num_queries):
    issued = services.issue_token(user=user_with(), name="cms")
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start)
    reader.get("/api/v1/tags/", **bearer(issued.secret))
    issued.token.refresh_from_db()
    assert issued.token.last_used_at == start
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(seconds=30))
    with django_assert_num_queries(1):  # the lookup; no UPDATE
        services.authenticate(issued.secret)
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(minutes=2))
    services.authenticate(issued.secret)
    issued.token.refresh_from_db()
    assert issued.token.last_used_at == start + timedelta(minutes=2)


def test_a_token_client_can_be_made_for_tests():
    """Guard the helper: its token really authenticates."""
    client = client_for(user_with("articles.change_article"))
    assert client.get(DRAFTS).status_code == 200
