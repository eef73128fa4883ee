"""Masthead's rows without the anchor harness, for ``bench/load.py``.

The site is ``bench/render.py``'s generated one (not the harness corpus), each row is
started through ``bench/http_target.py`` and loaded with wrk as the harness would (2
threads, 32 connections, a warm-up, then the measured run), and each measured run
records the CPU used by anything but the server and wrk. The anchors' figures then come
from issue #15, not from this run: the output says so.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import http_target  # noqa: E402
from http_memory import benchjson, pid_tree, processes, soak  # noqa: E402

ROTATE = """
local paths, idx, counter = {}, 0, 0
function setup(thread) thread:set("tid", counter); counter = counter + 1 end
function init(args)
  for line in io.lines(os.getenv("WRK_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  idx = ((tid or 0) * 97) % #paths
end
function request() idx = idx % #paths + 1; return wrk.format("GET", paths[idx]) end
function done(s, lat)
  local e = s.errors
  io.write(string.format('BENCHJSON {"requests":%d,"duration_us":%d,"errors":%d,' ..
    '"p50_us":%d,"p99_us":%d}\\n', s.requests, s.duration,
    e.connect + e.read + e.write + e.status + e.timeout, lat:percentile(50), lat:percentile(99)))
end
"""


def cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total


def machine_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return sum(values) - values[3] - values[4], sum(values)


def wait_quiet(limit: float, seconds: float) -> float:
    """Wait (bounded) until the machine is under ``limit`` % busy; return the last reading."""
    deadline = time.monotonic() + seconds
    while True:
        b0, t0 = machine_ticks()
        time.sleep(1)
        b1, t1 = machine_ticks()
        busy = 100 * (b1 - b0) / max(1, t1 - t0)
        if busy <= limit or time.monotonic() > deadline:
            return busy


def measure(base: str, paths: Path, lua: Path, server: list[int], args: Any) -> dict[str, Any]:
    """A warm-up, then the measured wrk run with the other-CPU accounting."""
    env = {**os.environ, "WRK_PATHS": str(paths)}
    wrk = ["wrk", "-t2", "-c32", "--timeout", "10s", "-s", str(lua), base]
    subprocess.run(
        ["timeout", str(args.warmup + 30), *wrk[:1], f"-d{args.warmup}s", *wrk[1:]],
        env=env,
        capture_output=True,
        check=False,
    )
    busy_before = wait_quiet(15, args.quiet_wait)
    b0, _t0 = machine_ticks()
    s0, c0 = cpu_ticks(server), os.times()
    began = time.monotonic()
    run = subprocess.run(
        ["timeout", str(args.seconds + 30), *wrk[:1], f"-d{args.seconds}s", "--latency", *wrk[1:]],
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.monotonic() - began
    b1, _t1 = machine_ticks()
    c1 = os.times()
    hz, cores = os.sysconf("SC_CLK_TCK"), os.cpu_count() or 1
    wrk_s = (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
    other = (b1 - b0) / hz - (cpu_ticks(server) - s0) / hz - wrk_s
    data = benchjson(run.stdout)
    data.update(
        rps=round(data["requests"] / (data["duration_us"] / 1e6), 1),
        busy_before_pct=round(busy_before, 1),
        other_cpu_pct=round(max(0.0, 100 * other / (wall * cores)), 1),
    )
    return data


def article_paths(spec: dict[str, Any], count: int) -> list[str]:
    code = (
        "import django; django.setup();"
        "from masthead.articles.models import Article;"
        "[print(a.get_absolute_url()) for a in Article.objects.published().order_by('-pk')[:2000]]"
    )
    env = {**http_target.site_env(spec), "DJANGO_SETTINGS_MODULE": "masthead.config.settings"}
    out = subprocess.run(
        [spec["python"], "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    return random.Random(42).sample(out, min(count, len(out)))


def run_row(spec: dict[str, Any], port: int, paths: list[str], args: Any) -> dict[str, Any]:
    work = Path(spec["run"])
    work.mkdir(parents=True, exist_ok=True)
    row_file = work / "row.json"
    row_file.write_text(json.dumps(spec, indent=1))
    os.environ["MASTHEAD_ROW_FILE"] = str(row_file)
    lua = work / "rotate.lua"
    lua.write_text(ROTATE)
    files = {"one": paths[:1], "rotate200": paths, "home": ["/"]}
    http_target.start(str(port))
    try:
        pid = int((work / "server.pid").read_text())
        base, scenarios = f"http://127.0.0.1:{port}/", {}
        for key, lines in files.items():
            pf = work / f"paths-{key}.txt"
            pf.write_text("\n".join(lines) + "\n")
            scenarios[key] = measure(base, pf, lua, pid_tree(pid), args)
        procs = processes(pid_tree(pid))
        result = {
            "name": spec["name"],
            "label": spec["label"],
            "scenarios": scenarios,
            "mem_start": json.loads((work / "mem-start.json").read_text()),
            "mem_after": procs,
            "mem": {
                "rss_mib": sum(p["rss_mib"] for p in procs),
                "pss_mib": sum(p["pss_mib"] for p in procs),
            },
        }
        if args.soak_requests and spec["name"] == args.soak_row:
            result["soak"] = soak(
                base=base,
                paths_file=work / "paths-rotate200.txt",
                lua=lua,
                pids=lambda: pid_tree(pid),
                total=args.soak_requests,
                every=args.soak_every,
                label=spec["label"],
                rate=max(50.0, scenarios["rotate200"]["rps"]),
            )
        return result
    finally:
        http_target.stop()


def alone(specs: list[dict[str, Any]], args: Any) -> dict[str, dict[str, Any]]:
    """Masthead's serve rows on the generated site (static rows need the harness corpus)."""
    site = Path(specs[0]["data"])
    if not (site / "db.sqlite3").exists():
        raise SystemExit(f"No site at {site}: run `python bench/render.py` first.")
    paths = article_paths(specs[0], 200)
    rows = {}
    for i, spec in enumerate(s for s in specs if s["kind"] == "serve"):
        rows[spec["name"]] = run_row(spec, args.port + i, paths, args)
    return rows
