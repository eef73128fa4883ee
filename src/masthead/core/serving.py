"""Starting the HTTP server on the project, for ``masthead serve`` and ``masthead demo``.

Two servers, one command. granian (the default) keeps connections alive and parses HTTP
in Rust: with cached pages answered in front of Django, it served 2.5x what gunicorn's
threaded workers did and 19x its sync workers on the same machine in the same run
(docs/benchmarks.md). gunicorn stays available (``--server gunicorn`` or
``MASTHEAD_SERVER=gunicorn``) for setups built around it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

CONTROL_SOCKET = "gunicorn.ctl"
# A Unix socket's path fits in 108 bytes on Linux and 104 on macOS, the final NUL included.
LONGEST_SOCKET_PATH = 100


def check_migrated() -> None:
    """Refuse to serve a database that lacks migrations, and say what to run."""
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in pending[:5])
        raise CommandError(
            f"The database has {len(pending)} unapplied migration(s) ({names}…). "
            "Run `masthead migrate` first."
        )


def collect_static() -> None:
    """Copy, hash and compress static files into the data folder.

    It runs in a child process with MASTHEAD_STATIC_MANIFEST=1 so that the manifest
    storage the server will use is the one that writes the files.
    """
    env = {**os.environ, "MASTHEAD_STATIC_MANIFEST": "1", "MASTHEAD_DATA": str(settings.DATA_DIR)}
    subprocess.run(
        [sys.executable, "-m", "masthead.cli", "collectstatic", "--noinput", "--verbosity", "0"],
        env=env,
        check=True,
    )


def server_environment() -> dict[str, str]:
    """The environment for the server's workers."""
    env = dict(os.environ)
    env["MASTHEAD_STATIC_MANIFEST"] = "1"
    env["MASTHEAD_DATA"] = str(settings.DATA_DIR)
    return env


SERVERS = ("granian", "gunicorn")
APPLICATION = "masthead.config.wsgi:application"
PRELOAD = "masthead.config.preload"


def granian_argv(*, host: str, port: int, workers: int, access_log: bool = False) -> list[str]:
    """The command line that starts granian serving Masthead over WSGI.

    One thread runs Django in each worker: with more, they take turns at Python's lock
    and both cached and uncached pages got slower (26,024 against 33,880 req/s cached,
    112 against 154 uncached, on one article of the 10,000-article bench site, same run).
    Workers that die are replaced; a stopping worker gets 20 s to finish its answers.
    granian runs in ``masthead.config.preload``, which loads the site before the workers
    are forked from it, so they share that memory instead of each importing its own copy.
    """
    return [
        sys.executable, "-m", PRELOAD, "--interface", "wsgi", "--no-ws",
        "--host", host, "--port", str(port), "--workers", str(workers),
        "--blocking-threads", "1", "--respawn-failed-workers", "--workers-kill-timeout", "20",
        "--log-level", "warning", *(["--access-log"] if access_log else []),
        APPLICATION,
    ]  # fmt: skip


def gunicorn_argv(*, host: str, port: int, workers: int, access_log: bool = False) -> list[str]:
    """The command line that starts gunicorn serving Masthead.

    As with granian, the master loads the site before forking its workers (``--preload``,
    and ``masthead.config.preload.when_ready`` closes connections and freezes what is
    loaded), so the workers share it. The access log is off unless asked for: the proxy
    in front usually keeps one, and writing it costs about a sixth of a cached page's time.
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        sys.executable, "-m", "gunicorn", APPLICATION, "--preload",
        "--config", f"python:{PRELOAD}",
        "--bind", bind, "--workers", str(workers),
        "--timeout", "60", "--graceful-timeout", "20", "--max-requests", "250000",
        "--max-requests-jitter", "25000", *(["--access-logfile", "-"] if access_log else []),
        *control_socket_options(),
    ]  # fmt: skip


def control_socket_options() -> list[str]:
    """Give gunicorn's control socket a place in the data folder, or turn it off.

    Its default, ``~/.gunicorn/gunicorn.ctl``, is one per user: a second site on the
    machine would take it over from the first. Too long a path for a socket turns it off.
    """
    from gunicorn.config import Config  # 85 ms to import: only when serving

    if "control_socket" not in Config().settings:  # older gunicorn releases have none
        return []
    path = Path(settings.DATA_DIR).resolve() / CONTROL_SOCKET
    if len(os.fsencode(path)) > LONGEST_SOCKET_PATH:
        return ["--no-control-socket"]
    return ["--control-socket", str(path)]


def exec_server(
    *, server: str, host: str, port: int, workers: int, access_log: bool = False
) -> None:
    """Replace this process with ``server`` (one of ``SERVERS``) serving Masthead."""
    build = granian_argv if server == "granian" else gunicorn_argv
    args = build(host=host, port=port, workers=workers, access_log=access_log)
    sys.stdout.flush()
    os.execve(sys.executable, args, server_environment())  # noqa: S606


def default_server() -> str:
    """``MASTHEAD_SERVER`` when it names a server, else granian."""
    chosen = os.environ.get("MASTHEAD_SERVER", "granian")
    if chosen not in SERVERS:
        raise CommandError(f"MASTHEAD_SERVER={chosen!r}: use one of {', '.join(SERVERS)}.")
    return chosen
