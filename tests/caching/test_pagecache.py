"""The page cache's keys and how long it keeps "not found" pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.test import Client

from masthead.caching import store
from masthead.core import clock

pytestmark = pytest.mark.django_db


def test_keys_are_short_and_safe_whatever_the_url():
    key = store.key_for("http", "example.org", "/search/", "q=" + "ü\x01 " * 1000)
    assert len(key) < 80
    assert " " not in key


def test_different_urls_schemes_and_hosts_get_different_keys():
    keys = {
        store.key_for("http", "a.example", "/x/", ""),
        store.key_for("http", "b.example", "/x/", ""),
        store.key_for("http", "a.example", "/x/", "page=2"),
        store.key_for("https", "a.example", "/x/", ""),
    }
    assert len(keys) == 4


def test_a_not_found_page_is_cached_only_briefly(settings: Any, newsroom: Any):
    settings.PAGE_CACHE_SECONDS = 300
    assert Client().get("/no-such-page/").status_code == 404
    assert Client().get("/no-such-page/")["X-Page-Cache"] == "hit"
    later = clock.now() + timedelta(seconds=settings.PAGE_CACHE_404_SECONDS + 1)
    with mock.patch("masthead.core.clock.now", return_value=later):
        assert Client().get("/no-such-page/")["X-Page-Cache"] == "miss"


def test_a_found_page_keeps_the_full_time(settings: Any, newsroom: Any):
    settings.PAGE_CACHE_SECONDS = 300
    Client().get("/")
    later = clock.now() + timedelta(seconds=settings.PAGE_CACHE_404_SECONDS + 1)
    with mock.patch("masthead.core.clock.now", return_value=later):
        assert Client().get("/")["X-Page-Cache"] == "hit"
