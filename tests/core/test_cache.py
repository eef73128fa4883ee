"""An unreachable Redis is an empty cache, not an error on every page (core/cache.py)."""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis

from masthead.core import cache as forgiving
from masthead.core.cache import ForgivingRedisCache
from tests.conftest import need_program


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def backend(port: int) -> ForgivingRedisCache:
    return ForgivingRedisCache(f"redis://127.0.0.1:{port}/0", {"KEY_PREFIX": "t"})


@pytest.fixture
def no_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """Try Redis on every call, so a test need not wait out the pause after a failure."""
    monkeypatch.setattr(forgiving, "PAUSE_AFTER_FAILURE", 0.0)


class RedisServer:
    """A redis-server of the test's own, on a port of its own, that can be stopped."""

    def __init__(self, program: str) -> None:
        self.program, self.port = program, free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer(need_program(shutil.which("redis-server"), "redis-server"))
    server.start()
    yield server
    server.stop()


def test_every_call_answers_as_an_empty_cache_while_redis_is_unreachable(no_pause: None):
    cache = backend(free_port())  # nothing listens there
    assert cache.get("page") is None
    assert cache.get("page", "default") == "default"
    assert cache.add("once", 1) is False
    cache.set("page", "body")
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("page") is False
    assert cache.delete("page") is False
    assert cache.touch("page") is False
    cache.set_many({"a": 1})
    cache.delete_many(["a"])
    with pytest.raises(ValueError, match="not found"):
        cache.incr("counter")
    assert cache.get_or_set("built", lambda: "fresh") == "fresh"


def test_an_unreachable_redis_is_logged_once_not_at_every_call(
    no_pause: None, caplog: pytest.LogCaptureFixture
):
    cache = backend(free_port())
    with caplog.at_level(logging.WARNING, logger="masthead.cache"):
        for _ in range(50):
            cache.get("page")
    warnings = [r.getMessage() for r in caplog.records if r.name == "masthead.cache"]
    assert len(warnings) == 1
    assert "unreachable" in warnings[0]
    assert "answers as empty" in warnings[0]


def test_after_a_failure_redis_is_left_alone_for_a_moment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(forgiving, "PAUSE_AFTER_FAILURE", 60.0)
    cache = backend(free_port())
    tries: list[Any] = []
    real = cache._cache.get_client
    monkeypatch.setattr(
        cache._cache, "get_client", lambda *a, **k: tries.append(1) or real(*a, **k)
    )
    for _ in range(10):
        cache.get("page")
    assert len(tries) == 1


def test_the_cache_works_again_as_soon_as_redis_is_back(
    redis_server: RedisServer, no_pause: None, caplog: pytest.LogCaptureFixture
):
    cache = backend(redis_server.port)
    cache.set("page", "before")
    assert cache.get("page") == "before"
    redis_server.stop()
    assert cache.get("page") is None
    cache.set("page", "lost")  # dropped, not raised
    redis_server.start()  # empty, as a restarted Redis without persistence is
    with caplog.at_level(logging.WARNING, logger="masthead.cache"):
        cache.set("page", "after")
        assert cache.get("page") == "after"
        assert cache.add("count", 0) is True
        assert cache.incr("count") == 1
    assert any("reachable again" in r.getMessage() for r in caplog.records)
