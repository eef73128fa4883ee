"""Load ``masthead serve`` over HTTP with wrk, as the anchor benchmark loads WordPress and Wagtail.

    python bench/load.py [--articles 10000] [--seconds 15] [--json]

Uses (or generates) the same site as ``render.py``, starts ``masthead serve`` with two
gunicorn workers on a free loopback port, and runs wrk (2 threads, 32 connections,
a 5 s warm-up, then ``--seconds`` measured) over one article, 200 rotating articles and
the home page, with the page cache on and then off. Needs Debian's ``wrk``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROTATE = """
local paths, idx = {}, 0
local counter = 0
function setup(thread) thread:set("tid", counter); counter = counter + 1 end
function init(args)
  for line in io.lines(os.getenv("WRK_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  idx = ((tid or 0) * 97) % #paths
end
function request() idx = idx % #paths + 1; return wrk.format("GET", paths[idx]) end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def article_paths(data: Path, count: int) -> list[str]:
    """Sample ``count`` visible article URLs from the site in ``data``."""
    code = (
        "import django; django.setup();"
        "from masthead.articles.models import Article;"
        "visible = Article.objects.published().order_by('?');"
        f"[print(a.get_absolute_url()) for a in visible[:{count}]]"
    )
    env = {**os.environ, "MASTHEAD_DATA": str(data), "LOG_LEVEL": "ERROR",
           "DJANGO_SETTINGS_MODULE": "masthead.config.settings"}  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def serve(data: Path, port: int, cache_seconds: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MASTHEAD_DATA": str(data), "PAGE_CACHE_SECONDS": str(cache_seconds),
           "LOG_LEVEL": "WARNING"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "masthead.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
            return server
        except OSError:
            time.sleep(0.5)
    raise SystemExit("masthead serve did not start")


def wrk(port: int, paths_file: Path, seconds: int) -> dict[str, float]:
    script = paths_file.with_suffix(".lua")
    script.write_text(ROTATE)
    env = {**os.environ, "WRK_PATHS": str(paths_file)}
    base = [
        "wrk",
        "-t2",
        "-c32",
        "--timeout",
        "10s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}/",
    ]
    subprocess.run(["timeout", "40", *base[:1], "-d5s", *base[1:]], env=env,
                   capture_output=True, check=False)  # fmt: skip
    run = subprocess.run(
        ["timeout", str(seconds + 30), base[0], f"-d{seconds}s", "--latency", *base[1:]],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", run.stdout).group(1))  # type: ignore[union-attr]
    return {"req_per_s": round(rps), "p50_ms": _latency(run.stdout, "50%"),
            "p99_ms": _latency(run.stdout, "99%"),
            "errors": int(bool(re.search(r"Non-2xx|Socket errors", run.stdout)))}  # fmt: skip


def _latency(text: str, label: str) -> float:
    match = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", text)
    if not match:
        return 0.0
    value, unit = float(match.group(1)), match.group(2)
    return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("bench/load.py needs wrk: apt-get install wrk")
    data = HERE / ".data" / f"site-{args.articles}"
    if not (data / "db.sqlite3").exists():
        raise SystemExit(f"No site at {data}: run `python bench/render.py` first.")
    work = HERE / ".data" / "http"
    work.mkdir(parents=True, exist_ok=True)
    paths = article_paths(data, 200)
    files = {"one article": [paths[0]], "200 articles": paths, "home page": ["/"]}
    results = []
    for cache_seconds in (300, 0):
        port = free_port()
        server = serve(data, port, cache_seconds)
        try:
            for scenario, lines in files.items():
                pf = work / f"{scenario.replace(' ', '-')}.txt"
                pf.write_text("\n".join(lines) + "\n")
                row = {"page_cache": bool(cache_seconds), "scenario": scenario,
                       **wrk(port, pf, args.seconds)}  # fmt: skip
                results.append(row)
                if not args.json:
                    print(row, flush=True)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
