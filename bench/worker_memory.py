"""What each gunicorn worker holds, and whether loading the app in the master would share it.

    python bench/worker_memory.py [--data DIR] [--seconds 20] [--port 8170]

1. Imports: in one process, the memory and modules that importing the WSGI app costs,
   then what the first request adds (Django loads the URL configuration on the first
   request, and with it the API's schema views and what Django REST framework pulls in).
2. Serving: gunicorn with 2 workers started the way ``masthead serve`` starts it (each
   worker imports the app after the fork), then with ``--preload`` and the URL
   configuration loaded in the master (``bench/worker_preload.py``: the workers share
   those pages copy-on-write; ``gc.freeze()`` keeps the collector from touching them).
   Each: RSS, PSS and the anonymous part per process after start, after one request per
   worker, and after ``--seconds`` of wrk over 200 articles with the page cache on.

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
sys.path.insert(0, str(HERE))

from http_alone import ROTATE  # noqa: E402
from http_memory import pid_tree, processes  # noqa: E402
from http_report import proc_cells  # noqa: E402
from http_target import wait_http  # noqa: E402

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


def serve(data: Path, port: int, preload: bool) -> subprocess.Popen[bytes]:
    module = "worker_preload:application" if preload else "masthead.config.wsgi:application"
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        module,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--timeout",
        "60",
        "--no-control-socket",
        *(["--preload"] if preload else []),
    ]
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


def measure(data: Path, port: int, paths: Path, seconds: int, preload: bool) -> dict[str, Any]:
    server = serve(data, port, preload)
    try:
        time.sleep(2)
        out: dict[str, Any] = {"after start": processes(pid_tree(server.pid))}
        first_requests(port)
        out["after one request each"] = processes(pid_tree(server.pid))
        out["requests"] = load(port, paths, seconds)
        out["after load"] = processes(pid_tree(server.pid))
        return out
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


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
        f"{found['first_s']:.2f} s, importing {', '.join(found['first_imports'])}"
    )
    results = {"imports": found}
    for preload in (False, True):
        name = "preloaded in the master" if preload else "as masthead serve starts it"
        results[name] = measure(args.data, args.port + preload, args.paths, args.seconds, preload)
        print(f"\n{name} ({results[name]['requests']:.0f} requests under load)")
        for stage in ("after start", "after one request each", "after load"):
            procs = results[name][stage]
            pss = sum(x["pss_mib"] for x in procs)
            print(f"  {stage}: {proc_cells(procs)}; PSS total {pss:.0f} MiB")
    out = HERE / ".data" / "worker-memory.json"
    out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
