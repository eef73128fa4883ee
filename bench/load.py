"""Masthead side by side with the anchors under wrk: ``make bench-http``.

    python bench/load.py [--anchor-bench DIR] [--seconds 15] [--soak-requests 100000]
                         [--server NAME ...] [--no-docs] [--json]

With the team's anchor harness (``--anchor-bench DIR``, ``ANCHOR_BENCH``, or a writable copy
at /tmp/anchor: ``cp -r ../shared/bench /tmp/anchor``) every row runs through the harness's
``run-one.sh`` in this one run, on its corpus, with its wrk settings and its wait for a quiet
machine: Wagtail, Wagtail with Django's per-site cache, WordPress when it is loaded (or with
``--wordpress yes``), Masthead with the page cache on and off (``masthead serve``; one more
row per ``--server``), Masthead's ``publish-static`` files served by nginx when the command
exists, and nginx serving Masthead's own article HTML from one file. The first run loads the
corpus (minutes); later runs reuse what is loaded.

Without the harness only Masthead's rows run, on ``bench/render.py``'s site, and the anchors
are the figures recorded in issue #15 (the output says so).

Writes the table, the ratios and a chart into docs/benchmarks.md (between the
``bench-http`` markers) and docs/images/bench-http.svg, and the raw results to
bench/.data/http/results.json. Needs Debian's ``wrk`` (and ``nginx`` for the static rows).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import http_harness  # noqa: E402
import http_report  # noqa: E402
from http_alone import alone  # noqa: E402

HEADING = "## Side by side under load (`make bench-http`)"


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--anchor-bench", help="the anchor harness folder (writable copy)")
    p.add_argument("--no-anchors", action="store_true", help="Masthead's rows only")
    p.add_argument(
        "--anchors",
        default="wagtail,wagtail-cache,static-nginx",
        type=lambda s: [a for a in s.split(",") if a],
    )
    p.add_argument(
        "--wordpress",
        choices=["auto", "yes", "no"],
        default="auto",
        help="auto: the WordPress row runs when the harness has it loaded",
    )
    p.add_argument(
        "--rows",
        default="masthead-cache,masthead-nocache,masthead-static",
        type=lambda s: [r for r in s.split(",") if r],
        help="Masthead rows to run",
    )
    p.add_argument(
        "--server",
        action="append",
        default=[],
        help="one more cached row served by `masthead serve --server NAME`",
    )
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--seconds", type=int, default=15)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--quiet-wait", type=int, default=60, help="longest wait for a quiet machine")
    p.add_argument("--port", type=int, default=8100, help="first port (one per row)")
    p.add_argument("--database-url", help="serve Masthead from this database (PostgreSQL)")
    p.add_argument(
        "--project",
        type=Path,
        default=ROOT,
        help="the Masthead checkout whose code the rows serve (default: this one)",
    )
    p.add_argument(
        "--static-project",
        type=Path,
        help="the checkout whose `masthead publish-static` writes the files (default: --project)",
    )
    p.add_argument(
        "--work",
        type=Path,
        default=HERE / ".data" / "http",
        help="where Masthead's site, its static files and the results live",
    )
    p.add_argument(
        "--render-only",
        action="store_true",
        help="rewrite docs/ from the last run's results.json (in --work)",
    )
    p.add_argument("--reload", action="store_true", help="load the anchors' data again")
    p.add_argument(
        "--merge",
        action="store_true",
        help="keep the last run's other rows (say, to run one row again)",
    )
    p.add_argument(
        "--republish",
        action="store_true",
        help="run publish-static again even if its files exist (it takes minutes)",
    )
    p.add_argument("--soak-requests", type=int, default=0, help="e.g. 100000")
    p.add_argument("--soak-every", type=int, default=10_000)
    p.add_argument("--soak-row", default="masthead-cache")
    p.add_argument("--no-docs", action="store_true", help="do not write docs/")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    return p.parse_args(argv)


def masthead_help(project: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "masthead.cli", *args, "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout if out.returncode == 0 else ""


def row_specs(args: argparse.Namespace, anchor: Path | None) -> list[dict[str, Any]]:
    """What each Masthead row runs: its environment and ``masthead serve`` flags."""
    work = args.work.resolve()
    data = work / "site" if anchor else HERE / ".data" / f"site-{args.articles}"
    base = {
        "kind": "serve",
        "python": sys.executable,
        "pythonpath": str(args.project.resolve() / "src"),
        "project": str(args.project.resolve()),
        "data": str(data),
        "anchor": str(anchor or ""),
        "workers": 2,
        "database_url": args.database_url,
        "env": {},
        "flags": [],
    }
    db = "PostgreSQL" if args.database_url else "SQLite"
    static_project = args.static_project or args.project
    rows: dict[str, dict[str, Any]] = {
        "masthead-cache": {"label": f"Masthead, page cache on (default), {db}"},
        "masthead-nocache": {
            "label": f"Masthead, page cache off, {db}",
            "env": {"PAGE_CACHE_SECONDS": "0"},
        },
        "masthead-static": {
            "label": "Masthead's publish-static files, served by nginx",
            "kind": "static",
            "static_dir": str(work / "static-site"),
            "republish": args.republish,
            "project": str(static_project.resolve()),
            "pythonpath": str(static_project.resolve() / "src"),
        },
    }
    if args.server and "--server" not in masthead_help(args.project, "serve"):
        raise SystemExit("`masthead serve` has no --server option on this branch")
    for server in args.server:
        rows[f"masthead-{server}"] = {
            "label": f"Masthead, page cache on, --server {server}",
            "flags": ["--server", server],
        }
    wanted = [*args.rows, *(f"masthead-{s}" for s in args.server)]
    if "masthead-static" in wanted and not (
        anchor and masthead_help(static_project, "publish-static")
    ):
        print("bench-http: no static row (needs the harness and `masthead publish-static`)")
        wanted.remove("masthead-static")
    return [{**base, "name": n, "run": str(work / n), **rows[n]} for n in wanted]


def machine() -> str:
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores, {ram:.0f} GiB, {platform.machine()}, Python "
        f"{platform.python_version()} (client and servers on the same cores, loopback)"
    )


def load_note(rows: dict[str, dict[str, Any]], load_before: float) -> str:
    seen = [
        d.get("other_cpu_pct")
        for r in rows.values()
        if not r.get("reference")
        for d in r.get("scenarios", {}).values()
    ]
    worst = max([v for v in seen if v is not None] or [0.0])
    verdict = "quiet" if worst <= 5 else "DISTURBED (other CPU above 5 %): compare ratios only"
    return (
        f"load average {load_before:.2f} when the run began; other CPU at most {worst:.1f} % "
        f"of both cores in any measured run ({verdict})."
    )


def describe(args: argparse.Namespace, anchor: Path | None) -> str:
    wrk = (
        f"wrk 2 threads, 32 connections, {args.seconds} s measured after a {args.warmup} s "
        "warm-up, per scenario"
    )
    if anchor is None:
        return (
            f"{wrk}, Masthead's rows only, on `bench/render.py`'s {args.articles:,}-article site. "
            f"**No anchor harness: the other rows are issue #15's figures of "
            f"{http_report.REFERENCE_DATE}** (the harness's corpus, another run)."
        )
    manifest = json.loads((anchor / ".data" / "corpus" / "manifest.json").read_text())
    return (
        f"{wrk}; every row measured in this run by the anchor harness's `run-one.sh` "
        f"(`{anchor}`), same corpus: seed {manifest['seed']}, {manifest['articles']:,} "
        f"articles of ~{manifest['words']} words, {manifest['comments_per_article']} comments "
        f"each (sha256 {manifest['articles_sha256'][:12]})."
    )


def merged(
    earlier: dict[str, Any], rows: dict[str, dict[str, Any]], how: str
) -> tuple[dict[str, dict[str, Any]], str]:
    """The earlier run's rows with this run's in their place; the text says which is which."""
    kept = {
        k: {**v, "run": earlier["meta"]["date"]}
        for k, v in earlier["rows"].items()
        if k not in rows
    }
    if not kept:
        return rows, how
    labels = ", ".join(v["label"] for v in kept.values())
    return {
        **kept,
        **rows,
    }, f"{how} Rows from the earlier run of {earlier['meta']['date']}: {labels}."


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    out = args.work.resolve()
    if args.render_only:
        saved = json.loads((out / "results.json").read_text())
        http_report.write_docs(ROOT / "docs", saved["rows"], saved["meta"], HEADING)
        print(http_report.markdown(saved["rows"], saved["meta"]))
        return
    if not shutil.which("wrk"):
        raise SystemExit("bench/load.py needs wrk: apt-get install wrk")
    anchor = None if args.no_anchors else http_harness.find(args.anchor_bench)
    load_before = os.getloadavg()[0]
    specs = row_specs(args, anchor)
    if anchor:
        rows = http_harness.side_by_side(anchor, specs, args)
    else:
        print("bench-http: no anchor harness; comparing with issue #15's recorded figures")
        rows = {**http_report.reference_rows(), **alone(specs, args)}
    date = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    how = describe(args, anchor)
    if args.merge and (out / "results.json").exists():
        rows, how = merged(json.loads((out / "results.json").read_text()), rows, how)
    meta = {
        "date": date,
        "machine": machine(),
        "how": how,
        "load": load_note(rows, load_before),
        "soak": next((r["soak"] for r in rows.values() if r.get("soak")), None),
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=1))
    if not args.no_docs:
        http_report.write_docs(ROOT / "docs", rows, meta, HEADING)
    print(json.dumps(rows, indent=1) if args.json else http_report.markdown(rows, meta))


if __name__ == "__main__":
    main()
