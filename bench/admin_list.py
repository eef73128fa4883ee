"""Time the back office's story list on a large site: each view, its queries, median of runs.

    python bench/admin_list.py [--articles 100000] [--runs 7] [--json]

Builds (once) a site of ``--articles`` stories in ``bench/.data/admin-N`` on SQLite, or
in the database ``MASTHEAD_BENCH_DATABASE_URL`` (else ``DATABASE_URL``) names: a seed of
``SEED`` stories from ``masthead generate``'s prose, copied until the count is reached
(copies keep the text, byline and tags; generating 100,000 stories one by one takes
minutes more and changes nothing the list reads). Stories are spread over the workflow's
states, the authors get accounts and every story a revision, as a newsroom's would.

Then each view of the list (the default, each state, "mine", one author, a section, a
search, a search of the text, a far page) is fetched through Django's test client with
an editor signed in (every middleware, the whole admin), once to warm up and ``--runs``
times measured; the table gives the median, the slowest and the queries of each view.
Django's defaults this list turns off (the second full COUNT, the date drill-down) are
timed too, as ``django-defaults``, for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import about_run

HERE = Path(__file__).resolve().parent
SEED = 2_000
EDITOR = "bench-editor"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="site size (default 100000)")
    parser.add_argument("--runs", type=int, default=7, help="measured runs per view (default 7)")
    parser.add_argument(
        "--without-indexes",
        action="store_true",
        help="measure with the list's indexes (migration articles 0010) taken out",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def setup_django(articles: int) -> None:
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    url = os.environ.get("MASTHEAD_BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if url:
        os.environ["DATABASE_URL"] = url
    folder = f"admin-{articles}" + ("-pg" if url else "")
    os.environ["MASTHEAD_DATA"] = str(HERE / ".data" / folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
    os.environ["LOG_LEVEL"] = "ERROR"
    import django

    django.setup()


# --- the site ------------------------------------------------------------------------------


def ensure_site(articles: int, *, without_indexes: bool = False) -> float:
    """Migrate, then build the site unless it is there; return the seconds spent building."""
    from django.core.management import call_command

    from masthead.articles.models import Article
    from masthead.demo.generate import generate_articles

    call_command("migrate", interactive=False, verbosity=0)
    if without_indexes:
        call_command("migrate", "articles", "0009", interactive=False, verbosity=0)
    if Article.objects.count() >= articles:
        return 0.0
    started = time.perf_counter()
    seed = min(SEED, articles) - Article.objects.count()
    if seed > 0:
        for _ in generate_articles(count=seed, seed=7):
            pass
    copy_stories(upto=articles)
    newsroom_touches()
    analyze()
    return time.perf_counter() - started


def copy_stories(*, upto: int) -> None:
    """Copy the seed stories with their bylines and tags until there are ``upto``.

    The database copies the rows itself (INSERT … SELECT, ids shifted past the largest),
    so the stories reach the site in seconds, not in the minutes Python objects would take.
    """
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from masthead.articles.models import Article, ArticleAuthor

    table, links, tagged = (
        Article._meta.db_table,
        ArticleAuthor._meta.db_table,
        Article.tags.through._meta.db_table,
    )
    columns = [f.column for f in Article._meta.concrete_fields if f.column != "id"]
    chosen = ", ".join("SUBSTR(slug, 1, 90) || %s" if c == "slug" else c for c in columns)
    seed = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:SEED])
    while (have := Article.objects.count()) < upto:
        last = seed[min(len(seed), upto - have) - 1]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 (a model's table)
            shift = cursor.fetchone()[0]
            into = f"id, {', '.join(columns)}"
            _copy_rows(cursor, table, into, f"id + %s, {chosen}", "id", [shift, f"-c{shift}", last])
            into = "article_id, author_id, position"
            _copy_rows(cursor, links, into, "article_id + %s, author_id, position", "article_id",
                       [shift, last])  # fmt: skip
            _copy_rows(cursor, tagged, "article_id, tag_id", "article_id + %s, tag_id",
                       "article_id", [shift, last])  # fmt: skip
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Article]):
            cursor.execute(sql)


def _copy_rows(
    cursor: Any, table: str, into: str, select: str, key: str, params: list[Any]
) -> None:
    """Copy the rows of ``table`` whose ``key`` is at most the last parameter."""
    # Names come from the models, values go as parameters: nothing here is typed in.
    sql = f"INSERT INTO {table} ({into}) SELECT {select} FROM {table} WHERE {key} <= %s"  # noqa: S608
    cursor.execute(sql, params)


def newsroom_touches() -> None:
    """Spread the stories over the states, give authors accounts, stories a revision each."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.db.models import F
    from django.db.models.functions import Coalesce, Mod

    from masthead.articles.models import Article, Author, Revision
    from masthead.core import clock

    users = get_user_model().objects
    editor = users.filter(username=EDITOR).first() or users.create_superuser(
        EDITOR, "editor@example.org", "pw-123456"
    )
    for author in Author.objects.filter(user__isnull=True).order_by("pk")[:12]:
        author.user = users.create_user(author.slug, f"{author.slug}@example.org", is_staff=True)
        author.save()
    first = Author.objects.filter(user__isnull=False).order_by("pk").first()
    if first and not Author.objects.filter(user=editor).exists():
        first.user = editor
        first.save()
    stories = Article.objects.annotate(bucket=Mod(F("pk"), 100))
    Article.objects.update(modified_at=Coalesce(F("published_at"), F("created_at")))
    Article.objects.filter(pk__in=stories.filter(bucket=1).values("pk")).update(status="review")
    Article.objects.filter(pk__in=stories.filter(bucket=2).values("pk")).update(status="trash")
    Article.objects.filter(pk__in=stories.filter(bucket=3).values("pk")).update(
        status="unpublished"
    )
    Article.objects.filter(pk__in=stories.filter(bucket=4).values("pk")).update(
        status="published", published_at=clock.now() + timedelta(days=3)
    )
    Article.objects.filter(pk__in=stories.filter(bucket__in=[5, 6]).values("pk")).update(
        created_by=editor
    )
    Revision.objects.all().delete()
    pks = list(Article.objects.values_list("pk", "title", "status", "modified_at"))
    for start in range(0, len(pks), 5000):
        Revision.objects.bulk_create(
            Revision(article_id=pk, by=editor, title=title, status=status, created_at=when)
            for pk, title, status, when in pks[start : start + 5000]
        )


def analyze() -> None:
    """Refresh the planner's statistics, as ``masthead generate`` does after a run."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- the measurements ----------------------------------------------------------------------


def views() -> dict[str, dict[str, str]]:
    """The list's views, by name: the query string each one is."""
    from masthead.articles.models import Author, Category

    author = Author.objects.filter(user__username=EDITOR).first() or Author.objects.first()
    section = Category.objects.order_by("pk").first()
    return {
        "default": {},
        "in review": {"state": "review"},
        "scheduled": {"state": "scheduled"},
        "published": {"state": "published"},
        "trash": {"state": "trash"},
        "mine": {"mine": "1"},
        "author": {"author": str(author.pk if author else 0)},
        "section": {"category__id__exact": str(section.pk if section else 0)},
        "search": {"q": "chip"},
        "search, 2 words": {"q": "data center"},
        "search author": {"q": author.name.split()[-1] if author else "x"},
        "search, no match": {"q": "xylophone"},
        "search text too": {"q": "chip", "body": "1"},
        "page 200": {"p": "200"},
    }


def measure(client: Any, query: dict[str, str], runs: int) -> dict[str, Any]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("admin:articles_article_changelist")
    client.get(url, query)  # warm: templates, the database's pages
    times, cpu, db, counts = [], [], [], []
    for _ in range(runs):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, query)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}?{query} answered {response.status_code}")
        counts.append(len(captured))
        db.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    # The paginator's line under the list: "12345 articles", or "1,000 or more articles"
    # where the count stops at the cap (a search, one person's stories).
    paginator = response.content.partition(b'class="paginator"')[2]
    found = re.search(rb"([\d,]+)( or more)? articles?\b", paginator)
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "cpu_ms": round(statistics.median(cpu), 1),
        "db_ms": round(statistics.median(db), 1),
        "queries": max(counts),
        "matches": int(found.group(1).replace(b",", b"")) if found else -1,
        "capped": bool(found and found.group(2)),
    }


def django_defaults(client: Any, runs: int) -> dict[str, Any]:
    """The default view with what Django would do unasked: a full COUNT and the date bar."""
    from django.contrib import admin

    from masthead.articles.models import Article

    model_admin = admin.site._registry[Article]
    saved = model_admin.show_full_result_count, model_admin.date_hierarchy
    model_admin.show_full_result_count, model_admin.date_hierarchy = True, "published_at"
    try:
        return measure(client, {}, runs)
    finally:
        model_admin.show_full_result_count, model_admin.date_hierarchy = saved


def main() -> None:
    args = parse_args()
    setup_django(args.articles)
    from django.contrib.auth import get_user_model
    from django.test import Client

    built = ensure_site(args.articles, without_indexes=args.without_indexes)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=EDITOR))
    figures = {name: measure(client, query, args.runs) for name, query in views().items()}
    figures["django-defaults"] = django_defaults(client, args.runs)
    result = {**about_run(), "articles": args.articles, "build_seconds": round(built, 1),
              "runs": args.runs, "without_indexes": args.without_indexes,
              "views": figures}  # fmt: skip
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['date']} · {result['machine']} · {result['database']} · "
          f"{args.articles:,} stories · median of {args.runs}"
          f"{' · without the list indexes' if args.without_indexes else ''}")  # fmt: skip
    if built:
        print(f"built the site in {built:.0f} s")
    print(f"{'view':<18} {'median ms':>10} {'max ms':>8} {'cpu ms':>8} {'db ms':>8} "
          f"{'queries':>8} {'matches':>9}")  # fmt: skip
    for name, row in figures.items():
        more = "+" if row.get("capped") else " "
        print(f"{name:<18} {row['median_ms']:>10} {row['max_ms']:>8} {row['cpu_ms']:>8} "
              f"{row['db_ms']:>8} {row['queries']:>8} {row['matches']:>8,}{more}")  # fmt: skip


if __name__ == "__main__":
    main()
