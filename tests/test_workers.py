"""Parallel test workers keep their caches apart (tests/workers.py)."""

from __future__ import annotations

import os

from django.conf import settings

from masthead.config import env
from tests import workers

REDIS = "django.core.cache.backends.redis.RedisCache"
FILES = "django.core.cache.backends.filebased.FileBasedCache"
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


def test_workers_are_numbered_from_their_xdist_names():
    assert [workers.number(w) for w in ("gw0", "gw1", "gw12", "master", "")] == [0, 1, 12, 0, 0]


def test_each_worker_gets_the_next_redis_database():
    cache = {"BACKEND": REDIS, "LOCATION": "redis://127.0.0.1:6379/5", "KEY_PREFIX": "masthead"}
    locations = [workers.own_cache(cache, w)["LOCATION"] for w in ("master", "gw0", "gw1", "gw3")]
    assert locations == [
        "redis://127.0.0.1:6379/5",
        "redis://127.0.0.1:6379/5",
        "redis://127.0.0.1:6379/6",
        "redis://127.0.0.1:6379/8",
    ]


def test_a_redis_url_without_a_database_starts_at_zero():
    cache = {"BACKEND": REDIS, "LOCATION": "redis://:secret@cache.internal:6380"}
    assert workers.own_cache(cache, "gw2")["LOCATION"] == "redis://:secret@cache.internal:6380/2"


def test_a_redis_socket_names_its_database_in_the_query():
    cache = {"BACKEND": REDIS, "LOCATION": "unix:///run/redis.sock?db=4"}
    assert workers.own_cache(cache, "gw1")["LOCATION"] == "unix:///run/redis.sock?db=5"


def test_a_file_cache_gets_a_folder_per_worker():
    cache = {"BACKEND": FILES, "LOCATION": "/var/cache/masthead"}
    assert workers.own_cache(cache, "gw1")["LOCATION"] == "/var/cache/masthead/gw1"


def test_an_in_process_cache_is_left_alone():
    cache = {"BACKEND": LOCMEM, "LOCATION": "masthead"}
    assert workers.own_cache(cache, "gw1") is cache


def test_this_run_uses_the_cache_of_its_worker():
    """conftest.py puts the worker's own cache in place for the whole session."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    assert settings.CACHES["default"] == workers.own_cache(env.cache(), worker)


def test_a_redis_cache_waits_for_a_slow_answer_rather_than_count_redis_down():
    cache = {"BACKEND": REDIS, "LOCATION": "redis://127.0.0.1:6379/5"}
    options = workers.own_cache(cache, "gw1")["OPTIONS"]
    assert options["socket_timeout"] == options["socket_connect_timeout"] == 5.0
    told = {**cache, "OPTIONS": {"socket_timeout": 1.5}}
    assert workers.own_cache(told, "gw0")["OPTIONS"]["socket_timeout"] == 1.5


class Item:
    """Enough of a collected test for the PostgreSQL pass's choice."""

    def __init__(self, name: str, fixtures: tuple[str, ...] = (), *marks: str) -> None:
        self.name, self.fixturenames, self.marks = name, fixtures, marks

    def get_closest_marker(self, name: str) -> object | None:
        return name if name in self.marks else None


class Hooks:
    def __init__(self) -> None:
        self.deselected: list[Item] = []

    def pytest_deselected(self, items: list[Item]) -> None:
        self.deselected += items


def test_the_database_pass_keeps_what_the_database_can_change():
    from types import SimpleNamespace

    from tests import conftest

    items = [
        Item("parser"),
        Item("model", ("db",)),
        Item("flow", ("live_server",)),
        Item("marked", (), "django_db"),
        Item("validator", ("db",), "presentation"),
    ]
    config = SimpleNamespace(hook=Hooks())
    conftest.leave_out_what_no_database_changes(config, items)  # type: ignore[arg-type]
    assert [i.name for i in items] == ["model", "flow", "marked"]
    assert [i.name for i in config.hook.deselected] == ["parser", "validator"]
