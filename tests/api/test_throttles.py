"""Rate limits: per IP address for readers, per token for programs; 429 with Retry-After."""

from __future__ import annotations

import pytest

from tests.api.conftest import client_for, problem, user_with

URL = "/api/v1/tags/"


@pytest.fixture
def rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "token": "2/minute"},
    }


def test_readers_are_limited_per_address(rates, reader, db):
    for _ in range(3):
        assert reader.get(URL).status_code == 200
    response = reader.get(URL)
    body = problem(response, 429)
    assert 0 < int(response["Retry-After"]) <= 60
    assert "throttled" in body["detail"].lower()
    assert reader.get(URL, REMOTE_ADDR="10.0.0.9").status_code == 200  # someone else


def test_each_token_has_its_own_allowance(rates, db):
    user = user_with()
    first, second = client_for(user, name="one"), client_for(user, name="two")
    for _ in range(2):
        assert first.get(URL).status_code == 200
    problem(first.get(URL), 429)
    assert second.get(URL).status_code == 200


def test_tokens_are_not_held_to_the_readers_limit(rates, reader, db):
    for _ in range(3):
        reader.get(URL)
    problem(reader.get(URL), 429)
    assert client_for(user_with()).get(URL).status_code == 200
