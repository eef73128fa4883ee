"""Server memory for ``bench/load.py``: RSS and PSS per process, and the soak run.

The soak keeps one row's server up after its measured runs and sends it
``--soak-requests`` more requests over the 200 rotating articles in wrk runs of about
``--soak-every`` requests each, sampling every server process between runs: a worker
whose RSS climbs run after run holds on to something per request.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def pid_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants, parents first."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop(0)
        if Path(f"/proc/{p}").exists():
            out.append(p)
            todo += children(p)
    return out


def parse_rollup(text: str) -> dict[str, float]:
    """RSS, PSS, USS (the pages no other process maps) and the anonymous part of RSS, in
    MiB, from /proc/PID/smaps_rollup. RSS counts pages a worker shares with the master
    and SQLite's mmap of the database in full; USS is what the process alone costs."""
    kib = {}
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if rest.strip().endswith("kB"):
            kib[key] = int(rest.split()[0])
    names = {"rss_mib": "Rss", "pss_mib": "Pss", "anon_mib": "Anonymous"}
    values = {name: round(kib.get(key, 0) / 1024, 1) for name, key in names.items()}
    values["uss_mib"] = round((kib.get("Private_Clean", 0) + kib.get("Private_Dirty", 0)) / 1024, 1)
    return values


def processes(pids: list[int]) -> list[dict[str, Any]]:
    """Each live process: pid, command, role (a leaf of the tree is a worker), RSS, PSS."""
    out = []
    for pid in pids:
        try:
            comm = Path(f"/proc/{pid}/comm").read_text().strip()
            mem = parse_rollup(Path(f"/proc/{pid}/smaps_rollup").read_text())
        except OSError:
            continue
        has_parent = any(pid in children(other) for other in pids if other != pid)
        role = "worker" if has_parent and not children(pid) else "master"
        out.append({"pid": pid, "comm": comm, "role": role, **mem})
    return out


def summary(procs: list[dict[str, Any]]) -> str:
    """'master 61 MiB, workers 95 + 97 MiB' (RSS)."""
    masters = [p for p in procs if p["role"] == "master"]
    workers = [p for p in procs if p["role"] == "worker"]
    parts = []
    if masters:
        parts.append("master " + " + ".join(f"{p['rss_mib']:.0f}" for p in masters) + " MiB")
    if workers:
        parts.append("workers " + " + ".join(f"{p['rss_mib']:.0f}" for p in workers) + " MiB")
    return ", ".join(parts) or "–"


def benchjson(output: str) -> dict[str, Any]:
    """The one-line JSON summary our (and the harness's) wrk script prints in ``done()``."""
    for line in output.splitlines():
        if line.startswith("BENCHJSON "):
            return dict(json.loads(line[len("BENCHJSON ") :]))
    raise ValueError("no BENCHJSON line in wrk's output")


def soak(
    *,
    base: str,
    paths_file: Path,
    lua: Path,
    pids: Callable[[], list[int]],
    total: int,
    every: int,
    label: str,
    rate: float = 1000.0,
) -> dict[str, Any]:
    """Send ``total`` requests in runs of about ``every`` (sized by the last run's ``rate``,
    requests per second); sample memory after each run."""
    samples = [{"requests": 0, "procs": processes(pids())}]
    done = 0
    while done < total:
        seconds = max(1, round(min(every, total - done) / rate))
        if len(samples) == 1:  # the first run measures the rate: a short one
            seconds = min(seconds, 10)
        run = subprocess.run(
            [
                "timeout",
                str(seconds + 30),
                "wrk",
                "-t2",
                "-c32",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                str(lua),
                base,
            ],
            env={**os.environ, "WRK_PATHS": str(paths_file)},
            capture_output=True,
            text=True,
        )
        result = benchjson(run.stdout)
        done += int(result["requests"])
        rate = max(50.0, result["requests"] / (result["duration_us"] / 1e6))
        samples.append({"requests": done, "procs": processes(pids())})
    lines = sum(1 for line in paths_file.read_text().splitlines() if line.strip())
    return {"label": label, "paths": lines, "samples": samples}
