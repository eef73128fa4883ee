"""Simulate a busy newsroom's year of saves: revision rows per story, pruned daily or not.

    python bench/revisions.py [--days 365] [--stories-per-day 20] [--keep 25] [--json]

In a fresh database (a temporary data folder; SQLite unless ``DATABASE_URL`` is set),
``--stories-per-day`` stories are started every day of ``--days``. Each is saved as a
draft a number of times drawn around ``--drafts`` (exponentially: most a few dozen,
some hundreds), then while published around ``--published`` times over its first week
(corrections, updates); one story in ``--live-every`` is a live story saved
``--live-saves`` times while published. Revision rows go in as ``revisions.snapshot``
writes them (a 5 KB body, a byline of two, three tags), in bulk, and
``prune_revisions`` runs once at the end of each day, as the daily housekeeping does.
Printed: revisions per story (mean, p99, max) and the table's size on disk (SQLite)
with and without pruning, and how long the daily prune took.

Then what one revision costs, on a draft with a byline of two and three tags: a
``save_article`` with and without its snapshot (median of ``--saves``), the queries
of each, the bytes one revision row takes, and reading a history of 50 revisions with
their bylines and tags named (what the history screen shows).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

BODY = ("Council members met on Tuesday to weigh the budget for the new chip plant. " * 68)[:5000]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365, help="days simulated (default 365)")
    parser.add_argument("--stories-per-day", type=int, default=20, help="(default 20)")
    parser.add_argument("--drafts", type=float, default=40, help="mean draft saves (40)")
    parser.add_argument("--published", type=float, default=4, help="mean public saves (4)")
    parser.add_argument("--live-every", type=int, default=50, help="one live story in N (50)")
    parser.add_argument("--live-saves", type=int, default=150, help="a live story's (150)")
    parser.add_argument("--keep", type=int, default=25, help="REVISIONS_KEEP (default 25)")
    parser.add_argument("--saves", type=int, default=200, help="saves timed, 50+ (200)")
    parser.add_argument("--costs-only", action="store_true", help="skip the year")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def setup() -> None:
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    os.environ["MASTHEAD_DATA"] = tempfile.mkdtemp(prefix="masthead-revisions-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
    os.environ["LOG_LEVEL"] = "ERROR"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


class Newsroom:
    """The year's stories and their saves, drawn from one seed."""

    def __init__(self, args: argparse.Namespace, seed: int = 11):
        from masthead.articles.models import Author, Category, Tag

        self.args, self.rng = args, random.Random(seed)
        self.category = Category.objects.create(name="News", slug="news")
        self.authors = [Author.objects.create(name=f"Writer {n}", slug=f"r{n}") for n in (1, 2)]
        self.tags = [Tag.objects.create(name=f"tag {n}", slug=f"tag-{n}") for n in range(3)]
        self.pending: dict[int, list[Any]] = {}  # day -> revisions still to be saved then

    def start_day(self, day: int, start: Any) -> None:
        """Start the day's stories: their draft saves today, their public ones this week."""
        from masthead.articles.models import Article

        stories = Article.objects.bulk_create(
            Article(title=f"Day {day} story {n}", body=BODY, category=self.category)
            for n in range(self.args.stories_per_day)
        )
        for n, story in enumerate(stories):
            live = n % self.args.live_every == 0
            drafts = 1 + int(self.rng.expovariate(1 / self.args.drafts))
            public = int(self.rng.expovariate(1 / self.args.published))
            if live:
                public = self.args.live_saves
            for k in range(drafts):
                self._plan(day, story, start + timedelta(minutes=k), published=False)
            for k in range(public):
                later = self.rng.randrange(0, 2 if live else 7)
                at = start + timedelta(days=later, hours=9, minutes=k)
                self._plan(day + later, story, at, published=True)

    def _plan(self, day: int, story: Any, at: Any, published: bool) -> None:
        from masthead.articles.models import Revision

        data = {
            "category": [self.category.pk, "News"],
            "authors": [[a.pk, a.name] for a in self.authors],
            "tags": [[t.pk, t.name] for t in self.tags],
            "source": None, "featured_image": None, "translation_of": None, "slug": "a-story",
            "published_at": at.isoformat() if published else None, "source_url": "",
            "credit_line": "", "language": "en", "is_lead": False, "comments_open": True,
        }  # fmt: skip
        self.pending.setdefault(day, []).append(
            Revision(
                article=story, created_at=at, title=story.title, body=BODY, data=data,
                status="published" if published else "draft", published=published,
            )
        )  # fmt: skip

    def save_day(self, day: int) -> int:
        from masthead.articles.models import Revision

        rows = self.pending.pop(day, [])
        Revision.objects.bulk_create(rows, batch_size=500)
        return len(rows)


def year(args: argparse.Namespace) -> dict[str, Any]:
    """Run the year; return the figures with the daily prune and without it."""
    from django.db.models import Count

    from masthead.articles.models import Revision
    from masthead.articles.services.revisions import prune_revisions
    from masthead.core import clock

    room, saved, prunes = Newsroom(args), 0, []
    first = clock.now() - timedelta(days=args.days + 7)
    for day in range(args.days):
        room.start_day(day, first + timedelta(days=day))
        saved += room.save_day(day)
        started = time.perf_counter()
        prune_revisions(keep=args.keep)
        prunes.append(time.perf_counter() - started)
    for day in sorted(room.pending):  # the last week's corrections
        saved += room.save_day(day)
    prune_revisions(keep=args.keep)
    per_story = sorted(
        row["n"] for row in Revision.objects.values("article_id").annotate(n=Count("pk"))
    )
    stories = len(per_story)
    return {
        "stories": stories,
        "saves": saved,
        "unpruned_rows_per_story": round(saved / stories, 1),
        "rows_per_story": round(statistics.fmean(per_story), 1),
        "rows_per_story_p99": per_story[int(0.99 * (stories - 1))],
        "rows_per_story_max": per_story[-1],
        "rows": sum(per_story),
        "table_mb": table_mb(),
        "unpruned_table_mb_estimate": round(table_mb() * saved / max(sum(per_story), 1), 1),
        "daily_prune_median_ms": round(statistics.median(prunes) * 1000, 1),
        "daily_prune_max_ms": round(max(prunes) * 1000, 1),
    }


def table_mb() -> float | None:
    """The revisions table with its indexes, in MB on disk (SQLite's dbstat), else None."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master "
            "WHERE tbl_name = 'articles_revision')"
        )
        return round(cursor.fetchone()[0] / 2**20, 1)


def costs(saves: int) -> dict[str, Any]:
    """One revision's cost: a save with and without its snapshot, bytes, a 50-row history."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from masthead.articles import revisions, services
    from masthead.articles.models import Article, Author, Category, Revision, Tag

    category = Category.objects.create(name="Costs", slug="costs")
    authors = [Author.objects.create(name=f"Writer {n}", slug=f"w{n}") for n in (1, 2)]
    tags = [Tag.objects.create(name=f"cost {n}", slug=f"cost-{n}") for n in range(3)]
    story = services.save_article(
        article=Article(title="Costs", body=BODY, category=category, status="draft"),
        authors=authors, tags=tags,
    )  # fmt: skip
    figures: dict[str, Any] = {}
    for label, keep in (("without", False), ("with", True)):
        times = []
        for n in range(saves):
            story.body = f"{BODY} {label} {n}"
            started = time.perf_counter()
            services.save_article(article=story, authors=authors, tags=tags, revision=keep)
            times.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as queries:
            services.save_article(article=story, authors=authors, tags=tags, revision=keep)
        figures[f"save_{label}_snapshot_ms"] = round(statistics.median(times) * 1000, 2)
        figures[f"save_{label}_snapshot_queries"] = len(queries)
    figures["revisions_in_table"] = Revision.objects.count()
    figures["bytes_per_revision"] = round((table_bytes() or 0) / figures["revisions_in_table"])
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        history = list(Revision.objects.filter(article=story).select_related("by")[:50])
        named = [
            (r.version, [n for _, n in r.data["authors"]], [n for _, n in r.data["tags"]])
            for r in history
        ]
    figures["history_50_ms"] = round((time.perf_counter() - started) * 1000, 2)
    figures["history_50_queries"] = len(queries)
    assert len(named) == 50, "--saves must be 50 or more"
    assert named[0][1] == ["Writer 1", "Writer 2"]
    started = time.perf_counter()
    revisions.compare(history[-1], history[0])
    figures["compare_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return figures


def table_bytes() -> int | None:
    mb = table_mb()
    return None if mb is None else int(mb * 2**20)


def main() -> None:
    args = parse_args()
    setup()
    try:
        report(args)
    finally:  # a year of revisions is about a gigabyte: not left behind in /tmp
        shutil.rmtree(os.environ["MASTHEAD_DATA"], ignore_errors=True)


def report(args: argparse.Namespace) -> None:
    from render import about_run

    result: dict[str, Any] = {**about_run(), "keep": args.keep}
    if not args.costs_only:
        from masthead.articles.models import Revision

        result["year"] = year(args)
        # No signals for a quarter of a million rows (see services.revisions._prune).
        Revision.objects.all()._raw_delete(Revision.objects.db)
    result["one_revision"] = costs(args.saves)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['machine']}, {result['database']}, {result['date']}")
    if "year" in result:
        print_year(result["year"], args.keep)
    c = result["one_revision"]
    print(
        f"  one save: {c['save_without_snapshot_ms']} ms without its revision, "
        f"{c['save_with_snapshot_ms']} ms with ({c['save_without_snapshot_queries']} and "
        f"{c['save_with_snapshot_queries']} queries); {c['bytes_per_revision']:,} bytes a "
        f"revision; a 50-revision history with bylines and tags: {c['history_50_ms']} ms, "
        f"{c['history_50_queries']} query; compare: {c['compare_ms']} ms"
    )


def print_year(y: dict[str, Any], keep: int) -> None:
    print(
        f"  a year: {y['stories']:,} stories, {y['saves']:,} saves; revisions per story "
        f"{y['unpruned_rows_per_story']} unpruned, {y['rows_per_story']} pruned daily "
        f"(p99 {y['rows_per_story_p99']}, max {y['rows_per_story_max']}; keep {keep})"
    )
    print(
        f"  table: {y['rows']:,} rows, {y['table_mb']} MB (about "
        f"{y['unpruned_table_mb_estimate']} MB unpruned); daily prune median "
        f"{y['daily_prune_median_ms']} ms, slowest {y['daily_prune_max_ms']} ms"
    )


if __name__ == "__main__":
    main()
