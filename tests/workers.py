"""Parallel test runs (pytest-xdist, ``make test``): what each worker keeps to itself.

pytest-django already gives each worker its own test database (``test_masthead_gw0``,
``test_masthead_gw1``, …) and every test has its own data and media folders
(``tmp_path``). What remains shared is an outside cache: ``cache.clear()``, which the
tests call between tests, empties a whole Redis database, other workers' entries too,
and two workers would read each other's cached pages and settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

TEST_SOCKET_TIMEOUT = 5.0


def number(worker: str) -> int:
    """The worker's number: ``gw3`` is 3; a run without xdist (``master`` or "") is 0."""
    return int(worker.removeprefix("gw")) if worker.startswith("gw") else 0


def own_cache(cache: dict[str, Any], worker: str) -> dict[str, Any]:
    """``cache`` (an entry of ``CACHES``) made the worker's own.

    Redis: the databases after the configured one, so ``redis://…/5`` is database 5 for
    worker 0, 6 for worker 1 and so on (Redis has 16 unless told otherwise; ``make test``
    runs at most 8 workers). A file cache: a folder per worker. An in-process cache is
    each worker's own already.
    """
    n = number(worker)
    backend, location = cache["BACKEND"], cache.get("LOCATION", "")
    if backend.endswith("RedisCache"):
        cache = patient(cache)
    if n == 0 or not location:
        return cache
    if backend.endswith("RedisCache"):
        return {**cache, "LOCATION": _redis_database(location, n)}
    if backend.endswith("FileBasedCache"):
        return {**cache, "LOCATION": str(Path(location) / worker)}
    return cache


def patient(cache: dict[str, Any]) -> dict[str, Any]:
    """``cache`` (Redis) waiting up to ``TEST_SOCKET_TIMEOUT`` seconds for an answer.

    In production a reply slower than half a second counts as Redis being down, and the
    page cache then drops every page it holds (``masthead.core.cache``). On a test machine
    running two browsers, Java and PostgreSQL at once, Redis sometimes answered that late,
    and a test that expected a hit found the cache emptied (#15). The outage itself is
    tested with backends of its own (tests/core/test_cache.py).
    """
    options = {
        "socket_timeout": TEST_SOCKET_TIMEOUT,
        "socket_connect_timeout": TEST_SOCKET_TIMEOUT,
        **cache.get("OPTIONS", {}),
    }
    return {**cache, "OPTIONS": options}


def _redis_database(url: str, offset: int) -> str:
    parts = urlsplit(url)
    if parts.scheme == "unix":  # unix:///run/redis.sock?db=5
        query = dict(parse_qsl(parts.query))
        query["db"] = str(int(query.get("db", 0)) + offset)
        return f"{url.partition('?')[0]}?{urlencode(query)}"
    database = int(parts.path.strip("/") or 0) + offset
    return parts._replace(path=f"/{database}").geturl()
