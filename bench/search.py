"""Time searches: the backend's query and the whole /search/ page, p50 and p95.

    python bench/search.py [--articles 10000] [--queries 200] [--data DIR] [--json]

On the site of ``--articles`` generated articles that ``bench/render.py`` uses
(``bench/.data/site-N``, made on first use; ``--data`` names another folder), the search
index is rebuilt if it is missing articles (``masthead generate`` writes rows without the
signals that index them). Then ``--queries`` searches, drawn with a fixed seed from a
list of newsroom queries and from words of the site's own headlines, run twice each: once
through the backend alone (count, ranked window, snippets) and once as a page through
Masthead's WSGI application (every middleware, the page cache off), after one pass to
warm up. One in five asks for newest first, one in ten filters by section, one in ten
asks for page 2.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
import urllib.parse
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import about_run, ensure_site, setup_django

# What readers of a technology newsroom type: companies, topics, people, places, common
# words (which match most stories) and a few that match nothing.
QUERIES = [
    "chip export", "export controls", "data center power", "AI safety", "regulators",
    "batteries", "cloud pricing", "satellite", "layoffs", "quantum computing",
    "open source", "privacy", "Paris", "robots", "semiconductors", "customers",
    "antitrust", "startups", "venture capital", "IPO", "smartphones", "app stores",
    "memory", "GPUs", "large language models", "EU", "China", "India", "climate tech",
    "electric vehicles", "5G", "developer tools", "benchmarks", "supply chains",
    "earnings", "mergers", "health tech", "fintech", "streaming", "content moderation",
    "the", "a new plan", "what changes", "analysts", "in an interview", "said",
    "杭州", "人工智能", "芯片", "xylophone", "quarterly results", '"data center"',
]  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="site size (default 10000)")
    parser.add_argument("--queries", type=int, default=200, help="searches (default 200)")
    parser.add_argument("--data", type=Path, help="data folder (default bench/.data/site-N)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def ensure_index() -> float:
    """Rebuild the search index unless it holds every published article; return seconds."""
    from django.core.management import call_command

    from masthead.discovery.models import SearchEntry
    from masthead.discovery.search.documents import indexable

    if SearchEntry.objects.count() == indexable().count():
        return 0.0
    started = time.perf_counter()
    call_command("search", "rebuild", verbosity=0, stdout=io.StringIO())
    return time.perf_counter() - started


def searches(count: int) -> list[dict[str, str]]:
    """``count`` searches: the query text plus the parameters the page would get."""
    from masthead.articles.models import Article, Category

    rng = random.Random(4)
    titles = list(Article.objects.published().order_by("?").values_list("title", flat=True)[:500])
    sections = list(Category.objects.filter(parent__isnull=True).values_list("slug", flat=True))
    found = []
    for _ in range(count):
        if rng.random() < 0.5:
            query = rng.choice(QUERIES)
        else:
            words = [w.strip(",.:;'\"?!") for w in rng.choice(titles).split()]
            words = [w for w in words if len(w) > 3] or words
            query = " ".join(rng.sample(words, k=min(len(words), rng.choice((1, 2, 2, 3)))))
        params = {"q": query}
        roll = rng.random()
        if roll < 0.2:
            params["sort"] = "newest"
        elif roll < 0.3 and sections:
            params["category"] = rng.choice(sections)
        elif roll < 0.4:
            params["page"] = "2"
        found.append(params)
    return found


def backend_query(params: dict[str, str]) -> Any:
    """The ``SearchQuery`` the page would run for ``params``."""
    from masthead.articles.models import SiteSettings
    from masthead.discovery.search.forms import Choices, SearchForm

    form = SearchForm(params, choices=Choices.load())
    form.is_valid()
    query = form.search_query(per_page=SiteSettings.current().per_page)
    page = int(params.get("page", "1"))
    return query.window((page - 1) * query.limit, query.limit)


def page_request(app: Any, params: dict[str, str]) -> tuple[int, bytes]:
    environ = {
        "REQUEST_METHOD": "GET", "QUERY_STRING": urllib.parse.urlencode(params),
        "PATH_INFO": "/search/", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr, "wsgi.version": (1, 0), "wsgi.multithread": False,
        "wsgi.multiprocess": True, "wsgi.run_once": False, "SERVER_PROTOCOL": "HTTP/1.1",
    }  # fmt: skip
    status: list[str] = []
    body = b"".join(app(environ, lambda s, h, *a: status.append(s)))
    return int(status[0].split()[0]), body


def figures(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
        "max_ms": round(ordered[-1], 2),
    }


def measure(app: Any, wanted: list[dict[str, str]]) -> dict[str, Any]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from masthead.discovery.search.backends import get_backend

    backend = get_backend()
    queries = [backend_query(params) for params in wanted]
    backend_times, page_times, page_queries, totals = [], [], [], []
    for query in queries:
        started = time.perf_counter()
        totals.append(backend.search(query).total)
        backend_times.append((time.perf_counter() - started) * 1000)
    for params in wanted:
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            status, _ = page_request(app, params)
            page_times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"/search/?{urllib.parse.urlencode(params)} answered {status}")
        page_queries.append(len(captured))
    return {
        "searches": len(wanted),
        "backend": figures(backend_times),
        "page": figures(page_times),
        "queries_per_page_max": max(page_queries),
        "matches_median": int(statistics.median(totals)),
        "matches_max": max(totals),
    }


def main() -> None:
    args = parse_args()
    if args.data:
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        os.environ["MASTHEAD_DATA"] = str(args.data)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
        os.environ["LOG_LEVEL"] = "ERROR"
        import django

        django.setup()
    else:
        setup_django(args.articles)
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    generated = ensure_site(args.articles)
    indexed = ensure_index()
    app = get_wsgi_application()
    settings.PAGE_CACHE_SECONDS = 0
    wanted = searches(args.queries)
    # One pass to load jieba's dictionary (once per process, ~0.5 s), the templates and the
    # index's pages: the figures are for a server that has been up for a while.
    measure(app, [{"q": "杭州"}, *wanted])
    result = {
        **about_run(),
        "articles": args.articles,
        "generate_seconds": round(generated, 1),
        "index_seconds": round(indexed, 1),
        **measure(app, wanted),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['date']} · {result['machine']} · {result['database']} · {args.articles} articles"
    )
    if generated or indexed:
        print(f"generated the site in {generated:.1f} s, indexed it in {indexed:.1f} s")
    for label in ("backend", "page"):
        row = result[label]
        print(f"{label:>8}: p50 {row['p50_ms']} ms  p95 {row['p95_ms']} ms  max {row['max_ms']} ms")
    print(
        f"{result['searches']} searches, matches median {result['matches_median']:,} "
        f"max {result['matches_max']:,}, queries/page max {result['queries_per_page_max']}"
    )


if __name__ == "__main__":
    main()
