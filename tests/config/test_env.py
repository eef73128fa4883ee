"""The environment becomes the database and cache settings (config/env.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from masthead.config import env


@pytest.mark.parametrize(
    "url", ["postgres://postgres@127.0.0.1:5432/masthead", "sqlite:///tmp/masthead.sqlite3"]
)
def test_kept_connections_are_checked_before_a_request_reuses_them(
    url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    """A worker whose database restarted reconnects instead of failing on a dead connection."""
    monkeypatch.setenv("DATABASE_URL", url)
    config = env.database(tmp_path)
    assert config["CONN_MAX_AGE"]
    assert config["CONN_HEALTH_CHECKS"] is True


def test_a_redis_url_gets_the_cache_that_outlives_redis(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/3")
    config = env.cache()
    assert config["BACKEND"] == "masthead.core.cache.ForgivingRedisCache"
    assert config["LOCATION"] == "redis://127.0.0.1:6379/3"


def test_sqlite_reads_into_a_bounded_cache_rather_than_a_memory_map(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    """A map would make each worker's RSS count every database page it ever read."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    options = env.database(tmp_path)["OPTIONS"]
    assert isinstance(options, dict)
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        db.executescript(options["init_command"])
        assert db.execute("PRAGMA mmap_size").fetchone() == (0,)
        assert db.execute("PRAGMA cache_size").fetchone() == (-2000,)
    db.close()
