"""Time ``masthead generate`` on a fresh SQLite site and report its peak memory.

    python bench/generate.py [--articles 10000] [--json]

Runs ``masthead migrate`` and ``masthead generate --articles N`` in a child process on
an empty data folder under ``bench/.data/``, and prints the wall time, the rate and the
child's maximum resident set size. The issue's bounds: 10,000 articles in under 60 s,
100,000 without passing 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    data = HERE / ".data" / f"generate-{args.articles}"
    shutil.rmtree(data, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    env["MASTHEAD_DATA"] = str(data)
    command = [sys.executable, "-m", "masthead.cli"]
    subprocess.run([*command, "migrate", "-v0"], env=env, check=True)
    started = time.perf_counter()
    subprocess.run(
        [*command, "generate", "--articles", str(args.articles), "--json"],
        env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    # ru_maxrss of children is the largest child: here the generate process (migrate is small).
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result = {
        "articles": args.articles,
        "seconds": round(seconds, 1),
        "articles_per_s": round(args.articles / seconds),
        "peak_rss_mib": round(peak_mib),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"generate --articles {args.articles:,}: {result['seconds']} s "
            f"({result['articles_per_s']:,} articles/s), peak RSS {result['peak_rss_mib']} MiB"
        )
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
