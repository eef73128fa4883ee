"""Running rows through the team's anchor harness (``run-one.sh``), for ``bench/load.py``.

Every row, anchor or Masthead, goes through the harness's own ``run-one.sh``: the same
corpus, the same wrk settings and scripts, the same wait for a quiet machine and the same
``other CPU %`` accounting (``lib/measure.py``), the same memory figures (``lib/mem.py``).
Masthead rows plug in through the harness's ``custom`` target, driven by
``bench/http_target.py``. Nothing of the harness is copied here: it is called.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from http_memory import pid_tree, processes, soak  # noqa: E402

ANCHORS = {
    "wordpress": "WordPress 6.1 (nginx, php-fpm ×5, MariaDB), no page cache",
    "wagtail": "Wagtail 8 (gunicorn, 2 sync workers, SQLite)",
    "wagtail-cache": "Wagtail + Django's per-site cache",
    "static-nginx": "nginx serving Masthead's own article HTML from a file",
}
LOADED_MARKER = {
    "wagtail": "wagtail/loaded-corpus-sha",
    "wagtail-cache": "wagtail/loaded-corpus-sha",
    "wordpress": "wp/loaded-corpus-sha",
}
DEFAULT_COPY = "/tmp/anchor"  # noqa: S108 (where the team's README puts the writable copy)
# Each anchor always on the same port: WordPress's install writes its address into the database.
PORTS = {"wordpress": 0, "wagtail": 1, "wagtail-cache": 2, "static-nginx": 3}
ARTICLE_PATHS = "/{yyyy}/{mm}/{dd}/{slug}/"


def find(given: str | None) -> Path | None:
    """The harness: ``--anchor-bench``/ANCHOR_BENCH, else a writable copy in /tmp/anchor."""
    for candidate in (given, os.environ.get("ANCHOR_BENCH"), DEFAULT_COPY):
        if candidate and (Path(candidate) / "run-one.sh").exists():
            return Path(candidate).resolve()
    return None


def ensure_corpus(anchor: Path, articles: int) -> dict[str, Any]:
    corpus = anchor / ".data" / "corpus"
    if not (corpus / "manifest.json").exists():
        subprocess.run(
            [
                sys.executable,
                str(anchor / "gen_corpus.py"),
                str(corpus),
                "--articles",
                str(articles),
            ],
            check=True,
        )
    return dict(json.loads((corpus / "manifest.json").read_text()))


def loaded(anchor: Path, name: str, sha: str) -> bool:
    marker = anchor / ".data" / LOADED_MARKER.get(name, "-")
    return marker.exists() and marker.read_text().strip() == sha


def run_one(anchor: Path, name: str, port: int, label: str, env: dict[str, str]) -> dict[str, Any]:
    """``run-one.sh NAME PORT LABEL``; its result JSON, or a row that says it failed."""
    result = anchor / ".data" / "results" / f"{name}.json"
    result.unlink(missing_ok=True)
    proc = subprocess.run(
        [str(anchor / "run-one.sh"), name, str(port), label], env={**os.environ, **env}, check=False
    )
    if proc.returncode != 0 or not result.exists():
        print(f"bench-http: {name} failed (see {anchor}/.data/results/{name}/)", file=sys.stderr)
        return {}
    return dict(json.loads(result.read_text()))


def wrk_env(args: Any) -> dict[str, str]:
    return {
        "WRK_THREADS": "2",
        "WRK_CONNS": "32",
        "WRK_DURATION": str(args.seconds),
        "WRK_WARMUP": str(args.warmup),
        "QUIET_WAIT_S": str(args.quiet_wait),
    }


def run_anchor(anchor: Path, name: str, port: int, args: Any, sha: str) -> dict[str, Any]:
    env = wrk_env(args)
    if name == "static-nginx" or (loaded(anchor, name, sha) and not args.reload):
        env["SKIP_LOAD"] = "1"
    target = [str(anchor / "target.sh"), name]
    try:
        result = run_one(anchor, name, port, ANCHORS[name], {**env, "KEEP_RUNNING": "1"})
        if result:  # per process, as for Masthead's rows (the harness sums them)
            found = subprocess.run([*target, "pids"], capture_output=True, text=True, check=False)
            result["mem_after"] = processes(list(dict.fromkeys(map(int, found.stdout.split()))))
    finally:
        subprocess.run([*target, "stop"], capture_output=True, check=False)
    if result and name == "wordpress" and "SKIP_LOAD" not in env:
        (anchor / ".data" / LOADED_MARKER[name]).write_text(sha + "\n")
    return result


def place_static_html(anchor: Path, saved: Path) -> None:
    """The static-nginx row serves Masthead's own article page (as the harness's notes say)."""
    www = anchor / ".data" / "static" / "www"
    www.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(saved, www / "article.html")
    for path in (anchor / ".data" / "static", www, www / "article.html"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def custom_env(row_file: Path) -> dict[str, str]:
    target = f"{sys.executable} {HERE / 'http_target.py'}"
    return {
        "MASTHEAD_ROW_FILE": str(row_file),
        "ARTICLE_PATH_TEMPLATE": ARTICLE_PATHS,
        **{
            f"CUSTOM_{a.upper()}_CMD": f"{target} {a}"
            for a in ("setup", "load", "start", "stop", "pids", "info")
        },
    }


def run_masthead(anchor: Path, spec: dict[str, Any], port: int, args: Any) -> dict[str, Any]:
    """One Masthead row through ``run-one.sh custom``; memory per process before and after."""
    work = Path(spec["run"])
    work.mkdir(parents=True, exist_ok=True)
    row_file = work / "row.json"
    row_file.write_text(json.dumps(spec, indent=1))
    env = {**wrk_env(args), **custom_env(row_file), "KEEP_RUNNING": "1"}
    result = run_one(anchor, "custom", port, spec["label"], env)
    target = [sys.executable, str(HERE / "http_target.py")]
    try:
        if result:
            result = collect(anchor, spec, result, port, args)
    finally:
        subprocess.run([*target, "stop"], env={**os.environ, **env}, check=False)
    return result


def collect(
    anchor: Path, spec: dict[str, Any], result: dict[str, Any], port: int, args: Any
) -> dict[str, Any]:
    """Rename the harness's ``custom`` outputs after the row; add memory and the soak."""
    data, work = anchor / ".data", Path(spec["run"])
    name = spec["name"]
    saved = data / "saved-html" / "custom-one.html"
    if saved.exists():
        shutil.copyfile(saved, data / "saved-html" / f"{name}-one.html")
    result.update(name=name, label=spec["label"])
    pid = int((work / "server.pid").read_text())
    start = work / "mem-start.json"
    result["mem_start"] = json.loads(start.read_text()) if start.exists() else []
    result["mem_after"] = processes(pid_tree(pid))
    if args.soak_requests and name == args.soak_row and spec["kind"] == "serve":
        result["soak"] = soak(
            base=f"http://127.0.0.1:{port}/",
            paths_file=data / "results" / "custom" / "paths-200.txt",
            lua=anchor / "lib" / "rotate.lua",
            pids=lambda: pid_tree(pid),
            total=args.soak_requests,
            every=args.soak_every,
            label=spec["label"],
            rate=max(50.0, result["scenarios"]["rotate200"]["rps"]),
        )
    shutil.copytree(data / "results" / "custom", work / "harness", dirs_exist_ok=True)
    return result


def side_by_side(anchor: Path, specs: list[dict[str, Any]], args: Any) -> dict[str, dict[str, Any]]:
    """Anchors first, then Masthead's rows, then nginx on the HTML Masthead just served."""
    sha = ensure_corpus(anchor, args.articles)["articles_sha256"]
    anchors = [a for a in args.anchors if a != "static-nginx"]
    if (
        "wordpress" not in anchors
        and args.wordpress != "no"
        and (args.wordpress == "yes" or loaded(anchor, "wordpress", sha))
    ):
        anchors.insert(0, "wordpress")
    rows: dict[str, dict[str, Any]] = {}
    for name in anchors:
        rows[name] = run_anchor(anchor, name, args.port + PORTS[name], args, sha)
    for i, spec in enumerate(specs):
        rows[spec["name"]] = run_masthead(anchor, spec, args.port + 10 + i, args)
    saved = anchor / ".data" / "saved-html" / "masthead-cache-one.html"
    if "static-nginx" in args.anchors and saved.exists():
        place_static_html(anchor, saved)
        port = args.port + PORTS["static-nginx"]
        rows["static-nginx"] = run_anchor(anchor, "static-nginx", port, args, sha)
    return {name: {**row, "name": name} for name, row in rows.items() if row}
