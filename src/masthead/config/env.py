"""Turn environment variables into typed values; used by settings.py only."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}

T = TypeVar("T")


class EnvError(ValueError):
    """An environment variable holds a value we cannot use."""


def flag(name: str, default: bool = False) -> bool:
    """Read a boolean such as DEBUG=1 or DEBUG=false."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise EnvError(f"{name}={raw!r}: expected one of {sorted(TRUE_WORDS | FALSE_WORDS)}")


def words(name: str, default: str) -> list[str]:
    """Read a comma-separated list, ignoring blanks."""
    return [w.strip() for w in os.environ.get(name, default).split(",") if w.strip()]


def megabytes(name: str, default: int) -> int:
    """Read a size in megabytes, such as MASTHEAD_IMAGE_MEMORY_MB=256, as bytes."""
    raw = os.environ.get(name, "").strip() or str(default)
    if not raw.isdigit() or int(raw) < 1:
        raise EnvError(f"{name}={raw!r}: expected a whole number of megabytes above zero")
    return int(raw) * 1024 * 1024


def choice(name: str, choices: Mapping[str, T], default: str) -> T:
    """Read one of a few words, such as MASTHEAD_RELATED_ENGINE=semantic, as its value."""
    word = os.environ.get(name, default).strip().lower() or default
    if word not in choices:
        raise EnvError(f"{name}={word!r}: expected one of {sorted(choices)}")
    return choices[word]


def data_dir() -> Path:
    """The data folder: MASTHEAD_DATA, or ./masthead-data."""
    return Path(os.environ.get("MASTHEAD_DATA", "masthead-data")).expanduser().resolve()


def secret_key(folder: Path) -> str:
    """SECRET_KEY from the environment, else the one kept in the data folder.

    The first run writes a fresh random key to ``<data>/secret_key`` (mode 600), so a
    laptop install needs no configuration and the key survives restarts.
    """
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = folder / "secret_key"
    if path.exists():
        return path.read_text().strip()
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.touch(mode=0o600)
    path.write_text(key)
    return key


def database(folder: Path) -> dict[str, object]:
    """DATABASES['default'] from DATABASE_URL, else SQLite in the data folder."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'db.sqlite3'}"
    try:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        raise EnvError(f"DATABASE_URL={url!r} is not a database URL: {exc}") from exc
    # A kept connection is checked before a request reuses it, so a worker whose database
    # restarted reconnects at once instead of failing one request on the dead connection.
    config["CONN_HEALTH_CHECKS"] = True
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Keep the connection: opening one and closing it (a WAL checkpoint) costs more
        # than rendering a cached page.
        config["CONN_MAX_AGE"] = 600
        # WAL lets readers work while a writer commits; IMMEDIATE avoids
        # "database is locked" upgrades from read to write locks mid-transaction.
        # Pages are read into a 2 MB cache per connection (SQLite's default), not through
        # a memory map: a map made each worker's RSS count every database page it had read
        # (about 150 MiB per worker on the 10,000-story bench site), a larger cache grows
        # it by its size, and neither made pages measurably faster (docs/benchmarks.md,
        # "A worker's memory under granian").
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA mmap_size=0; PRAGMA cache_size=-2000;"
            ),
        }
    return config


def cache() -> dict[str, object]:
    """CACHES['default'] from CACHE_URL (redis://…), else an in-process cache.

    Redis is reached through ``masthead.core.cache.ForgivingRedisCache``: while Redis is
    down the site serves from the database instead of failing.
    """
    url = os.environ.get("CACHE_URL", "")
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "BACKEND": "masthead.core.cache.ForgivingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "masthead"),
        }
    if url in ("", "locmem://"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "masthead",
            # Room for a few thousand pages (~20 KB each) per process.
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    if url.startswith("file://"):
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url.removeprefix("file://"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    if url == "dummy://":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise EnvError(
        f"CACHE_URL={url!r}: use redis://host:port/db, file:///folder, locmem:// or dummy://"
    )
