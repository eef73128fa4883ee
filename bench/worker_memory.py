"""What each server worker holds, and what loading the app in the master before the fork shares.

    python bench/worker_memory.py [--data DIR] [--seconds 20] [--port 8170]

1. Imports: in one process, the memory and modules that importing the WSGI app costs,
   then what the first request adds.
2. Serving, 2 workers each, four ways: granian as ``masthead serve`` starts it (the site
   loaded in the master by ``masthead.config.preload``, then forked), granian importing
   the app in each worker (``python -m granian``, the same options), gunicorn as
   ``masthead serve --server gunicorn`` starts it (each worker imports the app after the
   fork), and gunicorn with ``--preload`` (``bench/worker_preload.py``). Each: RSS, USS,
   PSS and the part of RSS that is SQLite's map of the database file, per process, after
   start, after one request per worker, and after ``--seconds`` of wrk over 200 articles
   with the page cache on.

RSS counts every page a process maps: the pages a worker shares with the master and the
database file's pages SQLite reads through its memory map are counted in full in each
process. USS counts only the pages no other process maps; PSS divides the shared pages
between the processes that map them, so the PSS of all processes adds up to what they
hold together.

Only a measurement: what ``masthead serve`` does is decided in src/masthead/core/serving.py.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "src")]

from http_alone import ROTATE  # noqa: E402
from http_memory import pid_tree, processes  # noqa: E402
from http_report import proc_cells  # noqa: E402
from http_target import wait_http  # noqa: E402

from masthead.core import serving  # noqa: E402

PROBE = """
import json, sys, time
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
out, t = {"bare": rss()}, time.perf_counter()
from masthead.config.wsgi import application
out["app"], out["app_s"], before = rss(), time.perf_counter() - t, set(sys.modules)
from django.test import Client
t = time.perf_counter()
Client().get("/")
out["first_request"], out["first_s"] = rss(), time.perf_counter() - t
new = {m.split(".")[0] for m in set(sys.modules) - before}
out["first_imports"] = sorted(new - {"django", "masthead", "encodings", "importlib"})
out["modules"] = len(sys.modules)
print(json.dumps(out))
"""


def env_for(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    env.update(
        MASTHEAD_DATA=str(data),
        DEBUG="0",
        LOG_LEVEL="WARNING",
        MASTHEAD_STATIC_MANIFEST="1",
        DATABASE_URL=f"sqlite:///{data}/db.sqlite3",
        PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{HERE}",
    )
    return env


def imports(data: Path) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE], env=env_for(data), capture_output=True, text=True, check=True
    )
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


def granian(port: int, preload: bool) -> list[str]:
    argv = serving.granian_argv(host="127.0.0.1", port=port, workers=2)
    return argv if preload else [argv[0], "-m", "granian", *argv[3:]]


def gunicorn(port: int, preload: bool) -> list[str]:
    module = "worker_preload:application" if preload else "masthead.config.wsgi:application"
    return [
        sys.executable, "-m", "gunicorn", module, "--bind", f"127.0.0.1:{port}",
        "--workers", "2", "--timeout", "60", "--no-control-socket",
        *(["--preload"] if preload else []),
    ]  # fmt: skip


SERVERS = {
    "granian as masthead serve starts it (loaded in the master)": (granian, True),
    "granian, each worker imports the app": (granian, False),
    "gunicorn as masthead serve --server gunicorn starts it": (gunicorn, False),
    "gunicorn --preload, loaded in the master": (gunicorn, True),
}


def serve(data: Path, port: int, argv: list[str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        argv,
        env=env_for(data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_http(f"http://127.0.0.1:{port}/healthz", 180)
    return server


def first_requests(port: int) -> None:
    """Enough requests that both workers answered at least once (sync workers, one at a time)."""
    import urllib.request

    for _ in range(8):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60).close()


def load(port: int, paths: Path, seconds: int) -> float:
    lua = paths.with_suffix(".lua")
    lua.write_text(ROTATE)
    run = subprocess.run(
        [
            "timeout",
            str(seconds + 30),
            "wrk",
            "-t2",
            "-c32",
            f"-d{seconds}s",
            "-s",
            str(lua),
            f"http://127.0.0.1:{port}/",
        ],
        env={**os.environ, "WRK_PATHS": str(paths)},
        capture_output=True,
        text=True,
        check=False,
    )
    line = next(x for x in run.stdout.splitlines() if x.startswith("BENCHJSON "))
    data = json.loads(line[len("BENCHJSON ") :])
    return float(data["requests"])


def database_map_mib(pid: int) -> float:
    """The part of a process's RSS that is SQLite's memory map of the database file."""
    kib, in_db = 0, False
    try:
        text = Path(f"/proc/{pid}/smaps").read_text()
    except OSError:
        return 0.0
    for line in text.splitlines():
        first = line.split(maxsplit=1)[0] if line.strip() else ""
        if "-" in first and not first.endswith(":"):  # a mapping's header line
            in_db = line.rstrip().endswith(".sqlite3")
        elif in_db and first == "Rss:":
            kib += int(line.split()[1])
    return round(kib / 1024, 1)


def snapshot(pid: int) -> list[dict[str, Any]]:
    procs = processes(pid_tree(pid))
    for proc in procs:
        proc["db_map_mib"] = database_map_mib(proc["pid"])
    return procs


def measure(data: Path, port: int, paths: Path, seconds: int, argv: list[str]) -> dict[str, Any]:
    server = serve(data, port, argv)
    try:
        time.sleep(2)
        out: dict[str, Any] = {"after start": snapshot(server.pid)}
        first_requests(port)
        out["after one request each"] = snapshot(server.pid)
        out["requests"] = load(port, paths, seconds)
        out["after load"] = snapshot(server.pid)
        return out
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def report(name: str, result: dict[str, Any]) -> None:
    print(f"\n{name} ({result['requests']:.0f} requests under load)")
    for stage in ("after start", "after one request each", "after load"):
        procs = result[stage]
        pss = sum(x["pss_mib"] for x in procs)
        maps = " + ".join(f"{x['db_map_mib']:.0f}" for x in procs if x["role"] == "worker")
        print(f"  {stage}: {proc_cells(procs)}; PSS total {pss:.0f} MiB; database map {maps}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=HERE / ".data" / "http" / "site")
    p.add_argument(
        "--paths",
        type=Path,
        default=HERE / ".data" / "http" / "masthead-cache" / "harness" / "paths-200.txt",
    )
    p.add_argument("--seconds", type=int, default=20)
    p.add_argument("--port", type=int, default=8170)
    args = p.parse_args()
    found = imports(args.data)
    print(
        f"import the app: {found['app'] - found['bare']:.1f} MiB in {found['app_s']:.2f} s; "
        f"the first request adds {found['first_request'] - found['app']:.1f} MiB in "
        f"{found['first_s']:.2f} s, importing {', '.join(found['first_imports']) or 'nothing'}"
    )
    print("RSS (USS) MiB per process")
    results: dict[str, Any] = {"imports": found}
    for offset, (name, (command, preload)) in enumerate(SERVERS.items()):
        port = args.port + offset
        results[name] = measure(args.data, port, args.paths, args.seconds, command(port, preload))
        report(name, results[name])
    out = HERE / ".data" / "worker-memory.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
