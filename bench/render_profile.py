"""Where an uncached page's time goes: render article or home pages under a profiler.

    python bench/render_profile.py [--articles 10000] [--page article|home] [--pages 200]
                                   [--profile] [--top 40]

Uses the site ``bench/render.py`` builds (``bench/.data/site-N``), the page cache off, every
middleware on. Without ``--profile`` it only renders, which suits an instruction count::

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python bench/render_profile.py \\
        --page home --pages 0     # start-up and one warm-up page
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python bench/render_profile.py \\
        --page home --pages 50    # the same and 50 pages: (difference) / 50 per page

``--instructions`` runs those two under callgrind itself and prints instructions per page.
With ``--profile`` it prints cProfile's functions by cumulative and by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import subprocess
import sys
import time
from typing import Any

import render


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="site size (default 10000)")
    parser.add_argument("--page", choices=["article", "home"], default="article")
    parser.add_argument(
        "--distinct", type=int, default=50, help="articles to cycle through (default 50)"
    )
    parser.add_argument("--pages", type=int, default=200, help="pages to render (default 200)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's view")
    parser.add_argument("--top", type=int, default=40, help="rows of the profile (default 40)")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions per page (valgrind)"
    )
    return parser.parse_args()


def paths_for(page: str, pages: int, distinct: int) -> list[str]:
    """``pages`` URLs: ``distinct`` articles in turn (as the load harness asks for 200),
    or the home page again and again."""
    if page == "home":
        return ["/"] * pages
    from masthead.articles.models import Article

    # The same articles on every run, spread over the site, so runs compare.
    stories = list(Article.objects.published().order_by("pk").only("slug", "pub_date"))
    sample = [a.get_absolute_url() for a in stories[:: max(1, len(stories) // distinct)]]
    return (sample * (pages // len(sample) + 1))[:pages]


def run(app: Any, paths: list[str]) -> None:
    for path in paths:
        status, _ = render.request(app, path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")


def instructions(args: argparse.Namespace) -> int:
    """Instructions per page: callgrind's count for ``--pages N`` less that for none."""
    counts = []
    for pages in (0, args.pages):
        command = [
            "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
            __file__, f"--articles={args.articles}", f"--page={args.page}", f"--pages={pages}",
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=os.environ)
        found = re.search(r"Collected : (\d+)", done.stderr)
        if not found:
            raise SystemExit(done.stderr[-2000:])
        counts.append(int(found.group(1)))
    return (counts[1] - counts[0]) // max(args.pages, 1)


def main() -> None:
    args = parse_args()
    if args.instructions:
        per_page = instructions(args)
        print(f"{args.page}: {per_page / 1e6:.1f} million instructions per page")
        return
    render.setup_django(args.articles)
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    render.ensure_site(args.articles)
    settings.PAGE_CACHE_SECONDS = 0
    app = get_wsgi_application()
    paths = paths_for(args.page, args.pages, args.distinct)
    run(app, paths[:1] or paths_for(args.page, 1, 1))  # load templates, connections
    profiler = cProfile.Profile() if args.profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.runcall(run, app, paths)
    else:
        run(app, paths)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if paths:
        print(
            f"{args.page}: {len(paths)} pages, {len(paths) / elapsed:.1f} pages/s, "
            f"{cpu / len(paths) * 1000:.2f} ms of CPU per page"
        )
    if profiler:
        stats = pstats.Stats(profiler).strip_dirs()
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
