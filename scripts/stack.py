"""A private production-style stack for `make faults` and `make soak`: breakable on purpose.

PostgreSQL (its own cluster from ``initdb``, on a free port), Redis (its own server), a
data folder and ``masthead serve`` with two workers (granian, the default, or gunicorn),
all under one work folder, so a run can stop, fill or kill any of them without touching
anyone else's services. Also a bounded load generator (threads, one request at a time
each) that records every answer with its time, and readings of the workers' memory.
"""

from __future__ import annotations

import glob
import http.client
import json
import os
import pwd
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SERVERS = ("granian", "gunicorn")
# granian gives up and exits ("Worker crash loop detected") when a worker dies again
# within 5.5 s of being started in place of a dead one: a run that kills workers on
# purpose waits this long after each replacement.
RESPAWN_PAUSE = {"granian": 6.0, "gunicorn": 0.0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise SystemExit(f"{what} did not happen within {seconds:.0f} s")


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), "unknown")  # fmt: skip
    mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mb": mem,
            "python": sys.version.split()[0],
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}  # fmt: skip


class Postgres:
    """A PostgreSQL cluster of our own in ``folder``, on ``port`` (run as postgres if root)."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or [shutil.which("initdb")]
        if not found[-1]:
            raise SystemExit("PostgreSQL's initdb was not found (apt-get install postgresql)")
        self.bin = Path(str(found[-1])).parent
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str) -> None:
        run = subprocess.run([*self.as_user, *args], capture_output=True, text=True)
        if run.returncode:
            raise RuntimeError(f"{Path(args[0]).name} failed: {run.stderr.strip()[-1000:]}")

    def create(self) -> None:
        self.folder.mkdir(parents=True)
        if self.as_user:
            self.folder.parent.chmod(0o755)  # mkdtemp's 700 would keep postgres out
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        self._run(str(self.bin / "initdb"), "-D", str(self.folder / "data"), "-U", "postgres",
                  "--auth=trust", "-E", "UTF8")  # fmt: skip
        self.start()
        self._run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                  "-U", "postgres", "masthead")  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-o", options,
                  "-l", str(self.folder / "log"), "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast",
                  "-w", "stop")  # fmt: skip

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/masthead"


class Redis:
    """A redis-server of our own on ``port``, without persistence (a restart empties it)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: _answers(self.port), 10, "redis-server start")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def pause(self) -> None:
        assert self.process
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process
        self.process.send_signal(signal.SIGCONT)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class Site:
    """A data folder, its database and cache, and `masthead serve` with two workers."""

    def __init__(self, work: Path, postgres: Postgres, redis: Redis,
                 server: str = "granian") -> None:  # fmt: skip
        self.server_name = server
        self.respawn_pause = RESPAWN_PAUSE[server]
        self.data, self.port = work / "data", free_port()
        self.log = work / "serve.log"
        self.env = {**os.environ, "MASTHEAD_DATA": str(self.data), "DATABASE_URL": postgres.url,
                    "CACHE_URL": redis.url, "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT / "src"),
                    "ALLOWED_HOSTS": "127.0.0.1,localhost"}  # fmt: skip
        self.server: subprocess.Popen[bytes] | None = None

    def masthead(self, *args: str, quiet: bool = True) -> str:
        run = subprocess.run([sys.executable, "-m", "masthead.cli", *args], env=self.env,
                             capture_output=True, text=True)  # fmt: skip
        if run.returncode:
            raise SystemExit(f"masthead {' '.join(args)} failed:\n{run.stderr[-2000:]}")
        return run.stdout

    def python(self, code: str) -> Any:
        """Run ``code`` in Django on the site's database; its last printed line is JSON."""
        setup = "import django, json; django.setup()\n"
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "masthead.config.settings"}
        run = subprocess.run([sys.executable, "-c", setup + code], capture_output=True,
                             text=True, env=env)  # fmt: skip
        if run.returncode:
            raise SystemExit(f"Django snippet failed:\n{run.stderr[-2000:]}")
        return json.loads(run.stdout.strip().splitlines()[-1])

    def prepare(self, articles: int) -> dict[str, Any]:
        """Migrate, generate ``articles``, and make an editor with an API token."""
        self.masthead("migrate", "--noinput")
        self.masthead("generate", "--articles", str(articles))
        return self.python(SETUP_EDITOR)

    def serve_argv(self) -> list[str]:
        return [sys.executable, "-m", "masthead.cli", "serve", "--port", str(self.port),
                "--workers", "2", "--server", self.server_name]  # fmt: skip

    def serve(self) -> None:
        with self.log.open("ab") as log:
            self.server = subprocess.Popen(self.serve_argv(), env=self.env, stdout=log,
                                           stderr=log, start_new_session=True)  # fmt: skip
        wait_for(lambda: len(self.workers()) == 2 and _answers(self.port), 120, "masthead serve")

    def stop(self) -> None:
        """Ask the server to stop, as systemd would; kill what is left after 45 s.

        Both servers stop their workers themselves. granian waits 20 s for a worker that
        does not stop (a worker it started in place of a killed one did not, here).
        """
        if not self.server:
            return
        self.server.terminate()
        try:
            self.server.wait(45)
        except subprocess.TimeoutExpired:
            os.killpg(self.server.pid, signal.SIGKILL)
            self.server.wait(10)
        self.server = None

    def workers(self) -> list[int]:
        """Process ids of the server's workers: the children of its main process.

        ``masthead serve`` replaces itself with the server, so the process started is the
        main one, for granian as for gunicorn.
        """
        assert self.server
        try:
            children = Path(f"/proc/{self.server.pid}/task/{self.server.pid}/children").read_text()
        except FileNotFoundError:
            return []
        return [int(pid) for pid in children.split()]


SETUP_EDITOR = """
from django.contrib.auth import get_user_model
from masthead.api.services import issue_token
from masthead.articles.models import Article, Category, Tag
user, _ = get_user_model().objects.get_or_create(username="faults-editor",
    defaults={"is_staff": True, "is_superuser": True, "email": "ed@example.org"})
token = issue_token(user=user, name="faults").secret
paths = [a.get_absolute_url() for a in Article.objects.published().order_by("?")[:300]]
category = Category.objects.filter(parent=None).order_by("pk").first().slug
tags = list(Tag.objects.order_by("pk").values_list("slug", flat=True)[:20])
print(json.dumps({"token": token, "paths": paths, "category": category, "tags": tags}))
"""


def rss_mb(pid: int) -> float | None:
    """Resident memory of process ``pid`` in MB (None once it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


@dataclass
class Answer:
    kind: str
    started: float
    ended: float
    status: int | str  # an HTTP status, or the name of the error when there was no answer
    cache: str = ""


@dataclass
class Load:
    """``connections`` threads asking for ``pick()``'s requests until stopped; every answer kept."""

    port: int
    pick: Any  # () -> (kind, method, path, body, headers)
    connections: int = 20
    answers: list[Answer] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, daemon=True)
                        for _ in range(self.connections)]  # fmt: skip

    def start(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(30)

    def _run(self) -> None:
        while not self.stopping.is_set():
            kind, method, path, body, headers = self.pick()
            self.answers.append(ask(self.port, kind, method, path, body, headers))


def ask(port: int, kind: str, method: str, path: str, body: bytes | None = None,
        headers: dict[str, str] | None = None, timeout: float = 15) -> Answer:  # fmt: skip
    """One request on a new connection, as a reader arriving does."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.read()
        status: int | str = response.status
        cache = response.getheader("X-Page-Cache") or ""
    except (OSError, http.client.HTTPException) as exc:
        status, cache = type(exc).__name__, ""
    finally:
        connection.close()
    return Answer(kind, started, time.monotonic(), status, cache)


def ok(answer: Answer) -> bool:
    return isinstance(answer.status, int) and answer.status < 400


def tally(answers: list[Answer]) -> dict[str, Any]:
    """Requests, failures by status, and answers served from the page cache."""
    failed = Counter(str(a.status) for a in answers if not ok(a))
    return {"requests": len(answers), "failed": sum(failed.values()),
            "by_status": dict(sorted(failed.items())),
            "page_cache_hits": sum(a.cache == "hit" for a in answers)}  # fmt: skip


def reading_mix(paths: list[str]) -> Any:
    """Readers: articles (some cached, most not), the home page, searches, health checks."""
    words = ["harbour", "council", "election", "storm", "budget", "school", "river", "market"]

    def pick() -> tuple[str, str, str, None, dict[str, str]]:
        roll = random.random()
        if roll < 0.70:
            return "article", "GET", random.choice(paths), None, {}
        if roll < 0.80:
            return "home", "GET", "/", None, {}
        if roll < 0.95:
            return "search", "GET", f"/search/?q={random.choice(words)}", None, {}
        return "readyz", "GET", "/readyz", None, {}

    return pick
