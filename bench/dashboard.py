"""Time the back office's dashboard (/admin/) on a large newsroom, for each role.

    python bench/dashboard.py [--articles 100000] [--runs 15] [--json]

Builds (once) a newsroom of ``--articles`` stories in ``bench/.data/dashboard-N`` on
SQLite, or in the database ``MASTHEAD_BENCH_DATABASE_URL`` names (PostgreSQL): a seed of
``SEED`` stories from ``masthead generate`` (prose, bylines, tags, comments, a tenth of
the stories with a comment waiting), copied in SQL until the count is reached, then
spread over the workflow as a busy newsroom's would be: 1 % in review, 1 % in the trash,
0.2 % scheduled, 0.1 % unpublished, the generator's 3 % drafts, each story started and
last moved by one of ``STAFF`` editors, and a few thousand on the bench Author's and
Contributor's bylines.

Then /admin/ is fetched through Django's test client (every middleware, the whole admin)
as an Editor, an Author and a Contributor: once to warm up, ``--runs`` times measured.
The table gives the median and the slowest time of each, its queries, and the slowest
queries of one request; then the same for the app page ``/admin/articles/``, the same
admin without the dashboard, as a baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import about_run

HERE = Path(__file__).resolve().parent
SEED = 10_000
STAFF = 20
BASELINE = "/admin/articles/"
ROLES = {"Editor": "bench-editor", "Author": "bench-author", "Contributor": "bench-contributor"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="site size (default 100000)")
    parser.add_argument("--runs", type=int, default=15, help="measured runs per role (default 15)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def setup_django(articles: int) -> None:
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    url = os.environ.get("MASTHEAD_BENCH_DATABASE_URL")
    if url:
        os.environ["DATABASE_URL"] = url
    folder = f"dashboard-{'pg-' if url else ''}{articles}"
    os.environ["MASTHEAD_DATA"] = str(HERE / ".data" / folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
    os.environ["LOG_LEVEL"] = "ERROR"
    import django

    django.setup()


# --- the newsroom -----------------------------------------------------------------------------


def ensure_newsroom(articles: int) -> float:
    """Migrate, then build the newsroom unless it is there; return the seconds spent."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from masthead.articles.models import Article

    call_command("migrate", interactive=False, verbosity=0)
    if get_user_model().objects.filter(username=ROLES["Editor"]).exists():
        return 0.0
    started = time.perf_counter()
    seed = min(SEED, articles) - Article.objects.count()
    if seed > 0:
        call_command("generate", articles=seed, verbosity=0)
    copy_stories(upto=articles)
    staff = make_staff()
    spread_workflow(staff)
    analyze()
    return time.perf_counter() - started


def copy_stories(*, upto: int) -> None:
    """Copy the stories in SQL (text and all, a new slug each) until there are ``upto``."""
    from django.db import connection, transaction

    from masthead.articles.models import Article

    table = Article._meta.db_table
    columns = [f.column for f in Article._meta.concrete_fields if not f.primary_key]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    copy = 0
    while (have := Article.objects.count()) < upto:
        copy += 1
        # The copy's slug: the original's, cut to fit, with its id and the round's number.
        slug = f"substr(slug, 1, 84) || '-c' || id || 'r{copy:d}'"
        chosen = ", ".join(slug if c == "slug" else connection.ops.quote_name(c) for c in columns)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {chosen} FROM {table} "  # noqa: S608
                "ORDER BY id LIMIT %s",
                [upto - have],
            )


def make_staff() -> list[Any]:
    """The bench's Editor, Author and Contributor (with bylines), and ``STAFF`` editors."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from masthead.articles.models import Author

    users = get_user_model().objects
    for role, name in ROLES.items():
        user = users.create_user(name, f"{name}@example.org", "bench", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        if role != "Editor":
            Author.objects.create(name=name.title(), slug=name, user=user)
    staff = [
        users.create_user(f"staff-{n}", f"staff-{n}@example.org", "bench", is_staff=True)
        for n in range(STAFF)
    ]
    Group.objects.get(name="Editor").user_set.add(*staff)
    return staff


def spread_workflow(staff: list[Any]) -> None:
    """Give the stories their states, starters and movers, and the bench writers bylines."""
    from datetime import timedelta

    from django.db import transaction
    from django.db.models import F
    from django.db.models.functions import Coalesce, Mod

    from masthead.articles.models import Article, ArticleAuthor, Author
    from masthead.core import clock

    now, Status = clock.now(), Article.Status
    every = Article.objects.annotate(m=Mod("pk", 1000))
    with transaction.atomic():
        for n, person in enumerate(staff):
            Article.objects.annotate(k=Mod("pk", len(staff))).filter(k=n).update(
                created_by=person, status_changed_by=person,
                status_changed_at=Coalesce(F("published_at"), F("created_at")),
            )  # fmt: skip
        every.filter(m__in=range(10, 20)).update(status=Status.REVIEW)
        every.filter(m__in=range(20, 30)).update(status=Status.TRASH)
        every.filter(m=30).update(status=Status.UNPUBLISHED)
        for hours in range(1, 3):  # 0.2 %: out within the next few days
            every.filter(m=30 + hours).update(
                status=Status.PUBLISHED, published_at=now + timedelta(hours=hours * 31)
            )
        writers = {Author.objects.get(slug=ROLES[r]): step for r, step in
                   (("Author", 50), ("Contributor", 200))}  # fmt: skip
        for author, step in writers.items():
            ids = Article.objects.annotate(k=Mod("pk", step)).filter(k=1).values_list("pk")
            ArticleAuthor.objects.bulk_create(
                [ArticleAuthor(article_id=pk, author=author, position=5) for (pk,) in ids],
                batch_size=1000,
            )


def analyze() -> None:
    """Refresh the planner's statistics; on PostgreSQL, vacuum too, as autovacuum would.

    Until a table is vacuumed, PostgreSQL cannot count from an index alone (it must visit
    each row to see it is live), which no running newsroom's table is short of.
    """
    from django.db import connection

    from masthead.demo.management.commands.generate import refresh_statistics

    refresh_statistics()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE articles_article")


# --- the timing ---------------------------------------------------------------------------


def measure(role: str, runs: int, path: str = "/admin/") -> dict[str, Any]:
    """GET ``path`` as ``role`` ``runs`` times; time each, count and time one's queries."""
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username=ROLES[role]))
    assert client.get(path).status_code == 200  # warm templates and connections
    times = []
    for _ in range(runs):
        reset_queries()
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:4]
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "queries": len(captured),
        "slowest_queries": [
            {"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:140]} for q in slowest
        ],
    }


def main() -> None:
    args = parse_args()
    setup_django(args.articles)
    from django.conf import settings

    from masthead.articles.models import Article
    from masthead.comments.models import Comment

    built = ensure_newsroom(args.articles)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    result = {
        **about_run(),
        "articles": Article.objects.count(),
        "comments_pending": Comment.objects.pending().count(),
        "build_seconds": round(built, 1),
        "roles": {role: measure(role, args.runs) for role in ROLES},
        # The same admin around a page with no dashboard: what the dashboard adds.
        "baseline": measure("Editor", args.runs, BASELINE),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['date']} · {result['machine']} · {result['database']} · "
        f"{result['articles']} stories, {result['comments_pending']} comments waiting"
    )
    for role, row in result["roles"].items():
        print(
            f"{role:>12}: median {row['median_ms']} ms, slowest {row['max_ms']} ms, "
            f"{row['queries']} queries"
        )
        for query in row["slowest_queries"]:
            print(f"{'':>14}{query['ms']:>7} ms  {query['sql']}")
    row = result["baseline"]
    print(
        f"{'baseline':>12}: {BASELINE} as the Editor (no dashboard): median {row['median_ms']} "
        f"ms, slowest {row['max_ms']} ms, {row['queries']} queries"
    )


if __name__ == "__main__":
    main()
