"""The page cache and the Content-Security-Policy: a replayed page gets a policy of its own.

The policy is written outside the cache, afresh on every response; a page that used a
nonce is never stored, since its replay would carry a nonce the new policy does not name.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.test import Client
from django.urls import path

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

STYLED = '<!DOCTYPE html><style nonce="{{ request.csp_nonce }}">p { color: red }</style><p>x'


def styled(request: HttpRequest) -> HttpResponse:
    return HttpResponse(engines["django"].from_string(STYLED).render(request=request))


def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<!DOCTYPE html><p>plain")


urlpatterns = [path("styled/", styled), path("plain/", plain)]


def test_a_replayed_page_carries_the_policy(settings: Any):
    settings.PAGE_CACHE_SECONDS = 300
    first, again = Client().get("/plain/"), Client().get("/plain/")
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in again["Content-Security-Policy"]


def test_a_page_with_a_nonce_is_never_stored(settings: Any):
    settings.PAGE_CACHE_SECONDS = 300
    answers = [Client().get("/styled/") for _ in range(2)]
    assert [a["X-Page-Cache"] for a in answers] == ["miss", "miss"]
    nonces = []
    for answer in answers:
        nonce = answer.content.decode().split('nonce="')[1].split('"')[0]
        assert f"'nonce-{nonce}'" in answer["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
