"""Render article pages through the full WSGI stack and report speed and queries.

    python bench/render.py [--articles 10000] [--pages 1000] [--json]

Generates (or reuses) a site of ``--articles`` articles in ``bench/.data/site-N`` on
SQLite (or ``DATABASE_URL``), then requests ``--pages`` different article URLs through
Masthead's WSGI application (every middleware, the page cache off) and prints pages/s,
median and p99 render time and queries per page. A second pass with the page cache on
shows what a cached hit costs.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import sys
import time
import urllib.parse
import warnings
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="site size (default 10000)")
    parser.add_argument("--pages", type=int, default=1_000, help="pages to render (default 1000)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def setup_django(articles: int) -> None:
    # WhiteNoise warns that collectstatic has not run; pages here need no static files.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    data = HERE / ".data" / f"site-{articles}"
    os.environ["MASTHEAD_DATA"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
    os.environ["LOG_LEVEL"] = "ERROR"
    import django

    django.setup()


def about_run() -> dict[str, str]:
    """When, on what machine and on which database a benchmark ran, for its report."""
    from django.conf import settings

    return {
        "date": time.strftime("%Y-%m-%d"),
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
    }


def ensure_site(articles: int) -> float:
    """Migrate, generate the site and build its related lists unless it is there; return
    the seconds spent generating."""
    from django.core.management import call_command

    from masthead.articles.models import Article

    call_command("migrate", interactive=False, verbosity=0)
    have = Article.objects.count()
    if have >= articles:
        return 0.0
    started = time.perf_counter()
    call_command("generate", articles=articles - have, verbosity=0)
    elapsed = time.perf_counter() - started
    # A site loaded in bulk (`import wordpress --bulk`) ends with its related lists built;
    # without them every page would fall back to counting shared tags at read time.
    call_command("related", "rebuild", stdout=io.StringIO(), stderr=io.StringIO())
    return elapsed


def sample_paths(pages: int) -> list[str]:
    from masthead.articles.models import Article

    rows = Article.objects.published().order_by("?").only("slug", "pub_date")[:pages]
    return [a.get_absolute_url() for a in rows]


def request(app: Any, path: str) -> tuple[int, bytes]:
    """GET ``path`` (with its query string, if any) from the WSGI ``app``."""
    path, _, query = path.partition("?")
    environ = {
        # WSGI carries the path percent-decoded, as bytes spelled in latin-1.
        "REQUEST_METHOD": "GET", "QUERY_STRING": query,
        "PATH_INFO": urllib.parse.unquote_to_bytes(path).decode("latin-1"),
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0), "wsgi.multithread": False, "wsgi.multiprocess": True,
        "wsgi.run_once": False, "SERVER_PROTOCOL": "HTTP/1.1",
    }  # fmt: skip
    status: list[str] = []
    body = b"".join(app(environ, lambda s, h, *a: status.append(s)))
    return int(status[0].split()[0]), body


def measure(app: Any, paths: list[str]) -> dict[str, Any]:
    """Time each request; count its queries."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    times, queries, sizes = [], [], []
    for path in paths:
        reset_queries()  # CaptureQueriesContext appends to a log capped at 9,000 entries
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            status, body = request(app, path)
            times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        queries.append(len(captured))
        sizes.append(len(body))
    ordered = sorted(times)
    return {
        "pages": len(paths),
        "pages_per_s": round(len(paths) / (sum(times) / 1000), 1),
        "median_ms": round(statistics.median(times), 2),
        "p99_ms": round(ordered[max(0, int(len(ordered) * 0.99) - 1)], 2),
        "queries_per_page_max": max(queries),
        "queries_per_page_mean": round(statistics.mean(queries), 2),
        "page_kb": round(statistics.mean(sizes) / 1024, 1),
    }


def main() -> None:
    args = parse_args()
    setup_django(args.articles)
    from django.core.cache import cache
    from django.test.utils import override_settings

    from masthead.config.wsgi import application as app

    generated = ensure_site(args.articles)
    paths = sample_paths(args.pages)
    # Through override_settings: the page cache reads its settings once and forgets them
    # when a setting changes (caching.pagecache.rules); a plain assignment goes unseen.
    with override_settings(PAGE_CACHE_SECONDS=0):
        request(app, paths[0])  # load templates and connections once
        uncached = measure(app, paths)
    with override_settings(PAGE_CACHE_SECONDS=300):
        cache.clear()
        measure(app, paths)  # fill the cache
        cached = measure(app, paths)
    result = {
        **about_run(),
        "articles": args.articles,
        "generate_seconds": round(generated, 1),
        "uncached": uncached,
        "cached": cached,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['date']} · {result['machine']} · {result['database']} · {args.articles} articles"
    )
    if generated:
        print(f"generated the site in {generated:.1f} s")
    for label, row in (("rendered (page cache off)", uncached), ("page cache hits", cached)):
        print(
            f"{label:>26}: {row['pages_per_s']:>8} pages/s  median {row['median_ms']} ms  "
            f"p99 {row['p99_ms']} ms  queries/page max {row['queries_per_page_max']} "
            f"(mean {row['queries_per_page_mean']})  {row['page_kb']} KB"
        )


if __name__ == "__main__":
    main()
