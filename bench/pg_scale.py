"""Time reader pages one request at a time on a large PostgreSQL site: ms, queries, round trips.

    python bench/pg_scale.py [--articles 100000] [--runs 15] [--sample 200] [--json]

Builds (once; a later run reuses it, an interrupted one carries on) a site of
``--articles`` stories in the database ``MASTHEAD_BENCH_DATABASE_URL`` names (default
``postgres://postgres@127.0.0.1:5432/masthead_bench``) with ``bench/admin_list.py``'s
builder (``masthead generate``'s prose, copied by the database), then fills the search
index and the related lists. Each page is then asked for through Masthead's WSGI
application (every middleware, the page cache off, the kept database connection of a
worker): ``--sample`` different article pages once each, and the home page, the largest
section, tag and author archives at pages 1, 10, 100, 1000 and 5000 (those that exist),
date archives, searches and feeds ``--runs`` times each after one warm-up request.

For each page: the median, p95 and p99 in ms, the median time in the database (the
queries' own, as Django's log gives it), the SQL queries Django ran, and the round
trips to the server (queries plus what Django's log does not show: the connection's
health check, transactions, a server-side cursor's fetches). ``--json`` prints the
figures as JSON; they are also written to ``bench/.data/pg_scale.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import about_run, request

HERE = Path(__file__).resolve().parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/masthead_bench"
DEEP = (1, 10, 100, 1000, 5000)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="site size (default 100000)")
    parser.add_argument("--runs", type=int, default=15, help="measured runs per page (default 15)")
    parser.add_argument("--sample", type=int, default=200, help="article pages (default 200)")
    parser.add_argument(
        "--no-related", action="store_true",
        help="measure with the related lists as they are (building them takes half an hour)",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def setup_django(articles: int) -> None:
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    url = os.environ.get("MASTHEAD_BENCH_DATABASE_URL") or DEFAULT_URL
    create_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["MASTHEAD_DATA"] = str(HERE / ".data" / f"pg-scale-{articles}")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
    os.environ["LOG_LEVEL"] = "ERROR"
    import django

    django.setup()


def create_database(url: str) -> None:
    """Create the database ``url`` names unless it is there (a fresh machine has none)."""
    base, name = url.rsplit("/", 1)
    listed = subprocess.run(
        ["psql", f"{base}/postgres", "-tAc", "SELECT datname FROM pg_database"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    if name not in listed.stdout.split():
        subprocess.run(["createdb", "--maintenance-db", f"{base}/postgres", name], check=True)


# --- the site ------------------------------------------------------------------------------


def ensure_site(articles: int, *, related: bool = True) -> float:
    """Build the stories (admin_list's builder), the search index and the related lists.

    Each part is built when missing or left unfinished; ``related=False`` leaves the
    related lists as they are (one rebuild at 100,000 stories takes half an hour).
    """
    from admin_list import ensure_site as ensure_stories
    from django.core.management import call_command

    from masthead.articles.models import Article
    from masthead.discovery.models import IndexedArticle, RebuildRun, SearchEntry, SearchRebuild

    started = time.perf_counter()
    ensure_stories(articles)
    spread_copies()
    visible = Article.objects.published().count()
    if SearchRebuild.objects.exists() or SearchEntry.objects.count() < visible:
        call_command("search", "rebuild", verbosity=0)
    if related and (RebuildRun.objects.exists() or IndexedArticle.objects.count() < visible):
        call_command("related", "rebuild", verbosity=0)
    vacuum()
    return time.perf_counter() - started


def spread_copies() -> None:
    """Give each copied story a time of its own, over the seed's two years.

    The builder's copies keep their seed's time: fifty stories a minute, and the newest
    400 only eight seeds (three sections), which no newsroom publishes. Done once: a
    copy's time still equal to its seed's says it was not.
    """
    from admin_list import SEED
    from django.conf import settings
    from django.db import connection

    from masthead.articles.models import Article

    first, copy = (Article.objects.filter(pk=pk).first() for pk in (1, SEED + 1))
    if not (first and copy and first.published_at == copy.published_at):
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET published_at = published_at"
            " - make_interval(mins => ((id * 7919) %% 1051200)::int)"
            " WHERE id > %s AND published_at <= now()",
            [SEED],
        )
        cursor.execute(
            "UPDATE articles_article SET pub_date = (published_at AT TIME ZONE %s)::date"
            " WHERE id > %s AND published_at IS NOT NULL",
            [settings.TIME_ZONE, SEED],
        )


def vacuum() -> None:
    """Clean up after the bulk updates and refresh the planner's figures, as autovacuum would."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


# --- round trips -----------------------------------------------------------------------------


class RoundTrips:
    """Count what psycopg sends the server: statements, fetches of named cursors, commits."""

    def __init__(self) -> None:
        self.count = 0

    @contextmanager
    def counting(self) -> Iterator[None]:
        import psycopg

        patched: list[tuple[Any, str, Any]] = []

        def wrap(owner: Any, name: str) -> None:
            original = getattr(owner, name)

            def counted(*args: Any, **kwargs: Any) -> Any:
                self.count += 1
                return original(*args, **kwargs)

            patched.append((owner, name, original))
            setattr(owner, name, counted)

        for name in ("execute", "executemany"):
            wrap(psycopg.Cursor, name)
        for name in ("fetchone", "fetchmany", "fetchall"):
            wrap(psycopg.ServerCursor, name)  # each one asks the server for rows
        for name in ("commit", "rollback"):
            wrap(psycopg.Connection, name)
        try:
            yield
        finally:
            for owner, name, original in reversed(patched):
                setattr(owner, name, original)


# --- the pages -------------------------------------------------------------------------------


def article_paths(sample: int) -> list[str]:
    """``sample`` visible stories, the same ones on every run of a site.

    Only stories whose related list is made: a story without one makes it on its first
    view (a write), which a site after ``masthead related rebuild`` never does; with a
    rebuild left unfinished (``--no-related``) the sample is drawn from the stories done.
    """
    from masthead.articles.models import Article
    from masthead.discovery.models import IndexedArticle

    listed = IndexedArticle.objects.filter(listed_at__isnull=False).values("article_id")
    pks = sorted(Article.objects.published().filter(pk__in=listed).values_list("pk", flat=True))
    chosen = random.Random(15).sample(pks, min(sample, len(pks)))
    rows = Article.objects.filter(pk__in=chosen).only("slug", "pub_date", "published_at")
    return [a.get_absolute_url() for a in rows]


def listing_paths() -> dict[str, str]:
    """Each kind of listing, by name: its busiest subject's first page."""
    from django.db.models import Count

    from masthead.articles.models import Article, Author, Category, Tag

    def busiest(model: Any, related: str) -> Any:
        return model.objects.annotate(n=Count(related)).order_by("-n", "pk").first()

    tops = Category.objects.filter(parent__isnull=True).order_by("pk")
    section = max(tops, key=lambda c: listing_size(c.get_absolute_url()), default=None)
    newest = Article.objects.published().newest_first().only("pub_date").first()
    day = newest.pub_date if newest else None
    paths = {
        "section": section.get_absolute_url() if section else "",
        "tag": f"/tag/{busiest(Tag, 'articles').slug}/",
        "author": f"/author/{busiest(Author, 'articles').slug}/",
        "year": f"/{day:%Y}/" if day else "",
        "month": f"/{day:%Y/%m}/" if day else "",
        "day": f"/{day:%Y/%m/%d}/" if day else "",
    }
    return {name: path for name, path in paths.items() if path}


def pages() -> dict[str, str]:
    """Every non-article page measured, by name."""
    from masthead.articles.models import SiteSettings

    per_page = SiteSettings.current().per_page
    found = {"home": "/"}
    for name, base in listing_paths().items():
        size = listing_size(base)
        last = max(1, -(-size // per_page))
        for n in sorted({n for n in DEEP if n < last} | {last}):
            label = f"{name} p{n}" if n in DEEP else f"{name} last (p{n})"
            found[label] = base if n == 1 else f"{base}page/{n}/"
    section = listing_paths().get("section", "/")
    found.update({
        "search": "/search/?q=chip",
        "search, 2 words": "/search/?q=data+center",
        "search p10": "/search/?q=chip&page=10",
        "feed rss": "/feed/",
        "feed atom": "/feed/atom/",
        "feed json": "/feed.json",
        "section feed": f"{section}feed/",
        "sitemap": "/sitemap.xml",
        "news sitemap": "/news-sitemap.xml",
    })  # fmt: skip
    return found


def listing_size(base: str) -> int:
    """How many stories the listing at ``base`` shows, from its own view's query."""
    from django.urls import resolve

    match = resolve(base)
    view = match.func.view_class()  # type: ignore[attr-defined]
    subject = view.subject(**{k: v for k, v in match.kwargs.items() if k != "page"})
    return int(view.articles(subject).count())


# --- the measurements ------------------------------------------------------------------------


def measure(app: Any, paths: list[str], trips: RoundTrips) -> dict[str, Any]:
    """Ask for each of ``paths`` once; time it, count its queries and round trips."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    times, db, queries, round_trips, sizes = [], [], [], [], []
    for path in paths:
        reset_queries()
        trips.count = 0
        with CaptureQueriesContext(connection) as captured, trips.counting():
            started = time.perf_counter()
            status, body = request(app, path)
            times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        queries.append(len(captured))
        db.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        round_trips.append(trips.count)
        sizes.append(len(body))
    return {**summary(times, queries, round_trips, sizes), "db_ms": round(statistics.median(db), 1)}


def summary(times: list[float], queries: list[int], trips: list[int], sizes: list[int]) -> dict:
    """The request times' median, p95 and p99; the most queries and round trips; the size."""
    ordered = sorted(times)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * p))], 1)

    return {
        "requests": len(times),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "queries": max(queries),
        "round_trips": max(trips),
        "kb": round(statistics.mean(sizes) / 1024, 1),
    }


def run(runs: int, sample: int) -> dict[str, dict[str, Any]]:
    from django.core.wsgi import get_wsgi_application

    app, trips = get_wsgi_application(), RoundTrips()
    articles = article_paths(sample)
    for path in articles[:5]:
        request(app, path)  # templates, the connection, the database's pages
    figures = {"article": measure(app, articles, trips)}
    for name, path in pages().items():
        request(app, path)
        figures[name] = {"path": path, **measure(app, [path] * runs, trips)}
    return figures


def other_load() -> str:
    """The machine's load average while measuring: the figures are only as quiet as this."""
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def server_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return str(cursor.fetchone()[0])


def main(out: Callable[[str], None] = print) -> None:
    args = parse_args()
    setup_django(args.articles)
    built = ensure_site(args.articles, related=not args.no_related)
    started = time.perf_counter()
    figures = run(args.runs, args.sample)
    result = {**about_run(), "postgres": server_version(), "articles": args.articles,
              "build_seconds": round(built, 1), "runs": args.runs, "load": other_load(),
              "seconds": round(time.perf_counter() - started), "pages": figures}  # fmt: skip
    (HERE / ".data").mkdir(exist_ok=True)
    (HERE / ".data" / "pg_scale.json").write_text(json.dumps(result, indent=2))
    if args.json:
        out(json.dumps(result, indent=2))
        return
    out(f"{result['date']} · {result['machine']} · PostgreSQL {result['postgres']} · "
        f"{args.articles:,} stories · load {result['load']}")  # fmt: skip
    out(f"{'page':<20} {'median ms':>9} {'p95 ms':>7} {'p99 ms':>7} {'db ms':>6} "
        f"{'queries':>7} {'trips':>6} {'KB':>6}")  # fmt: skip
    for name, row in figures.items():
        out(f"{name:<20} {row['median_ms']:>9} {row['p95_ms']:>7} {row['p99_ms']:>7} "
            f"{row['db_ms']:>6} {row['queries']:>7} {row['round_trips']:>6} "
            f"{row['kb']:>6}")  # fmt: skip


if __name__ == "__main__":
    main()
