"""A Redis cache that an unreachable Redis turns into an empty cache, not into errors.

Django's ``RedisCache`` raises on every call while Redis is down, so each page would be a
500. ``ForgivingRedisCache`` answers as an empty cache meanwhile: reads miss, writes are
dropped, ``add`` says "not added", ``incr`` says "no such key". Pages are then made from
the database, and the rate limits kept in the cache count nothing (they fail open; see
docs/reliability.md). It logs one warning when Redis goes away (again at most once a
minute while it stays away) and one line when it is back.

Calls fail fast: connecting and each reply wait ``SOCKET_TIMEOUT`` seconds at most, a
broken connection is retried once at once (Redis restarted), and after a failure the
process leaves Redis alone for ``PAUSE_AFTER_FAILURE`` seconds, so a Redis that hangs
costs a worker one timeout a second, not one per cache call. ``CACHES[…]["OPTIONS"]``
may override the socket timeouts and the retry, as for Django's own backend.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

SOCKET_TIMEOUT = 0.5
PAUSE_AFTER_FAILURE = 1.0
WARN_EVERY = 60.0
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)

logger = logging.getLogger("masthead.cache")
T = TypeVar("T")


class _Health:
    """Whether this process last found Redis reachable, and when to warn or try next."""

    def __init__(self) -> None:
        self.down_since: float | None = None
        self.retry_at = 0.0
        self.warned_at = float("-inf")

    def failed(self, where: str, exc: Exception) -> None:
        now = time.monotonic()
        self.retry_at = now + PAUSE_AFTER_FAILURE
        if self.down_since is None:
            self.down_since = now
        if now - self.warned_at >= WARN_EVERY:
            self.warned_at = now
            logger.warning(
                "Redis at %s is unreachable (%s): the cache answers as empty until it is back.",
                where,
                exc,
            )

    def worked(self, where: str) -> None:
        if self.down_since is not None:
            away = time.monotonic() - self.down_since
            logger.warning("Redis at %s is reachable again after %.1f s.", where, away)
            self.down_since = None
            self.warned_at = float("-inf")


class ForgivingClient(RedisCacheClient):
    """Django's Redis client, answering as an empty cache while Redis cannot be reached."""

    def __init__(self, servers: list[str], **options: Any) -> None:
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        options.setdefault("retry", Retry(NoBackoff(), 1))
        super().__init__(servers, **options)
        location = urlsplit(servers[0])
        # Host and port (or the socket's path) only: the URL may carry a password.
        self._where = (
            location.path
            if location.scheme == "unix"
            else f"{location.hostname}:{location.port or 6379}"
        )
        self._health = _Health()

    def _attempt(self, call: Callable[[], T], fallback: T) -> T:
        if self._health.down_since is not None and time.monotonic() < self._health.retry_at:
            return fallback
        try:
            result = call()
        except UNREACHABLE as exc:
            self._health.failed(self._where, exc)
            return fallback
        self._health.worked(self._where)
        return result

    def add(self, key: Any, value: Any, timeout: Any) -> bool:
        return self._attempt(lambda: super(ForgivingClient, self).add(key, value, timeout), False)

    def get(self, key: Any, default: Any) -> Any:
        return self._attempt(lambda: super(ForgivingClient, self).get(key, default), default)

    def set(self, key: Any, value: Any, timeout: Any) -> None:
        self._attempt(lambda: super(ForgivingClient, self).set(key, value, timeout), None)

    def touch(self, key: Any, timeout: Any) -> bool:
        return self._attempt(lambda: super(ForgivingClient, self).touch(key, timeout), False)

    def delete(self, key: Any) -> bool:
        return self._attempt(lambda: super(ForgivingClient, self).delete(key), False)

    def get_many(self, keys: Iterable[Any]) -> dict[Any, Any]:
        return self._attempt(lambda: super(ForgivingClient, self).get_many(keys), {})

    def has_key(self, key: Any) -> bool:
        return self._attempt(lambda: super(ForgivingClient, self).has_key(key), False)

    def incr(self, key: Any, delta: int) -> Any:
        missing = object()
        result = self._attempt(lambda: super(ForgivingClient, self).incr(key, delta), missing)
        if result is missing:
            # What Django's backends say of a key they do not hold.
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return result

    def set_many(self, data: Mapping[Any, Any], timeout: Any) -> None:
        self._attempt(lambda: super(ForgivingClient, self).set_many(data, timeout), None)

    def delete_many(self, keys: Iterable[Any]) -> None:
        self._attempt(lambda: super(ForgivingClient, self).delete_many(keys), None)

    def clear(self) -> bool:
        return self._attempt(lambda: super(ForgivingClient, self).clear(), False)


class ForgivingRedisCache(RedisCache):
    """``CACHES`` backend: Django's ``RedisCache`` with ``ForgivingClient`` underneath."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ForgivingClient
