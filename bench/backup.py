"""Time ``masthead backup`` and ``masthead restore`` against Django's dumpdata and loaddata.

    python bench/backup.py [--articles 5000] [--json]

A temporary data folder (SQLite, or a new PostgreSQL database beside ``DATABASE_URL``'s
when it is set) gets ``--articles`` generated articles with their comments and pictures.
Then: ``masthead backup`` (the engine's own snapshot: SQLite's backup API or pg_dump),
``masthead restore`` into a new empty site; and the engine-neutral way, ``dumpdata``
of every model and ``migrate`` + ``loaddata`` into another new site. Printed: seconds and
bytes of each, from the same corpus on the same machine in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

NEUTRAL = ["-e", "contenttypes", "-e", "auth.permission", "-e", "sessions"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="corpus size (5000)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def masthead(*args: str, env: dict[str, str]) -> float:
    """Run ``masthead`` with ``args``; the seconds it took (it must succeed)."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "masthead.cli", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return round(time.monotonic() - started, 2)


def site(folder: Path, database: str | None) -> dict[str, str]:
    """The environment of a site in ``folder``: its own SQLite, or a new PostgreSQL database."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["MASTHEAD_DATA"] = str(folder)
    if database:
        base, _ = database.rsplit("/", 1)
        name = f"{database.rsplit('/', 1)[1]}_bench_{uuid.uuid4().hex[:6]}"
        subprocess.run(["createdb", "--maintenance-db", f"{base}/postgres", name], check=True)
        env["DATABASE_URL"] = f"{base}/{name}"
    return env


def drop(env: dict[str, str]) -> None:
    if "DATABASE_URL" in env:
        url = env["DATABASE_URL"]
        maintenance = url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["dropdb", "--maintenance-db", maintenance, url.rsplit("/", 1)[1]],
                       check=False)  # fmt: skip


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else (
        path.stat().st_size
    )  # fmt: skip


def run(articles: int, work: Path, database: str | None) -> dict[str, Any]:
    sites = [site(work / name, database) for name in ("source", "restored", "loaded")]
    source, restored, loaded = sites
    try:
        masthead("migrate", "-v0", env=source)
        figures: dict[str, Any] = {"articles": articles, "engine": "postgresql" if database
                                   else "sqlite"}  # fmt: skip
        figures["generate_s"] = masthead("generate", "--articles", str(articles), env=source)
        figures["backup_s"] = masthead("backup", str(work / "backups"), env=source)
        figures["backup_bytes"] = size(work / "backups")
        figures["restore_s"] = masthead("restore", str(work / "backups"), env=restored)
        dump = work / "dump.json"
        figures["dumpdata_s"] = masthead("dumpdata", *NEUTRAL, "-o", str(dump), env=source)
        figures["dumpdata_bytes"] = size(dump)
        figures["migrate_loaddata_s"] = masthead("migrate", "-v0", env=loaded) + masthead(
            "loaddata", str(dump), env=loaded
        )
        return figures
    finally:
        for env in sites:
            drop(env)


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="masthead-bench-backup-") as work:
        figures = run(args.articles, Path(work), os.environ.get("DATABASE_URL"))
    if args.json:
        print(json.dumps(figures))
        return
    for name, value in figures.items():
        print(
            f"{name:>20}: {value:,}" if isinstance(value, int | float) else f"{name:>20}: {value}"
        )


if __name__ == "__main__":
    main()
