"""``masthead generate --articles N``: add generated articles for volume tests and benchmarks."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from rich.progress import (
    Progress,
    ProgressColumn,
    Task,
    TaskID,
)
from rich.text import Text

from masthead.core import generation, serving
from masthead.core.batchjobs import positive_int, progress_bar, stop_on_interrupt, until
from masthead.demo import generate, topics


class RateColumn(ProgressColumn):
    """Items per second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "…/s", style="progress.data.speed")


class Command(BaseCommand):
    help = (
        "Add N generated articles, with authors, sections, tags, comments and pictures, "
        "for volume tests and benchmarks. Running it again adds more."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--articles", type=positive_int, required=True, metavar="N",
            help="How many articles to add.",
        )  # fmt: skip
        parser.add_argument(
            "--seed", type=int, default=1,
            help="Seed for the random text (same seed, same database: same articles).",
        )  # fmt: skip
        parser.add_argument(
            "--batch-size", type=positive_int, default=generate.BATCH_SIZE, metavar="N",
            help="Articles written per transaction.",
        )  # fmt: skip
        parser.add_argument(
            "--older-than-days", type=int, default=0, metavar="D",
            help="Date every generated story at least D days back (default 0).",
        )  # fmt: skip
        parser.add_argument(
            "--topics", type=positive_int, default=0, metavar="T",
            help="Plant T story threads (shared names, words, section and tags) in about 60%% "
            "of the articles, and record each one's thread in <data>/topics.json.",
        )  # fmt: skip
        parser.add_argument(
            "--json", action="store_true", help="Print a JSON summary instead of a sentence."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        serving.check_migrated()
        started = time.monotonic()
        with stop_on_interrupt(self.stderr.write) as stop_requested:
            made = self._run(options, stop_requested)
        if made.articles:
            generation.bump()  # rows went in without signals: every cached page is stale
            refresh_statistics()
        if options["topics"]:
            topics.save_labels(labels_path(), made.threads)
        seconds = round(time.monotonic() - started, 2)
        if options["json"] or options["verbosity"] > 0:
            self._report(options["json"], made, seconds, options["topics"])
        if made.articles < options["articles"]:
            raise CommandError(
                f"Interrupted after {made.articles:,} of {options['articles']:,} articles. "
                "Finished batches are kept; run the command again to add more.",
                returncode=130,
            )

    def _run(self, options: dict[str, Any], stop_requested: Callable[[], bool]) -> generate.Added:
        """Prepare, then write batches under a progress bar until done or asked to stop."""
        total = generate.Added(articles=0, comments=0)
        with progress_bar(self.stderr, RateColumn()) as progress:
            try:
                cast = self._prepare(options["seed"], progress)
                bar = progress.add_task("Articles", total=options["articles"]) if progress else None
                batches = generate.generate_articles(
                    count=options["articles"], seed=options["seed"],
                    batch_size=options["batch_size"], cast=cast,
                    older_than_days=options["older_than_days"], topics=options["topics"],
                )  # fmt: skip
                for added in until(stop_requested, batches):
                    total += added
                    if progress and bar is not None:
                        progress.advance(bar, added.articles)
            except KeyboardInterrupt:
                pass  # a second Ctrl-C: the unfinished batch was rolled back
        return total

    def _prepare(self, seed: int, progress: Progress | None) -> generate.Cast:
        """Make the authors, sections, tags and pictures; a bar appears if drawing is needed."""
        if progress is None:
            return generate.prepare_cast(seed=seed)
        bar: list[TaskID] = []

        def drawn(made: int, wanted: int) -> None:
            if not bar:
                bar.append(progress.add_task("Pictures", total=wanted, completed=made - 1))
            progress.advance(bar[0])

        return generate.prepare_cast(seed=seed, on_image=drawn)

    def _report(self, as_json: bool, made: generate.Added, seconds: float, threads: int) -> None:
        if as_json:
            summary: dict[str, Any] = {
                "articles": made.articles, "comments": made.comments, "seconds": seconds,
            }  # fmt: skip
            if threads:
                summary |= {"topics": threads, "thread_articles": len(made.threads),
                            "labels": str(labels_path())}  # fmt: skip
            self.stdout.write(json.dumps(summary))
            return
        rate = f" ({made.articles / seconds:,.0f} articles/s)" if seconds and made.articles else ""
        self.stdout.write(
            f"Made {made.articles:,} articles and {made.comments:,} comments "
            f"in {seconds:,.1f} s{rate}."
        )
        if threads:
            self.stdout.write(
                f"{len(made.threads):,} of the articles belong to {threads:,} story threads; "
                f"their labels are in {labels_path()}."
            )


def labels_path() -> Path:
    """Where ``--topics`` records which article belongs to which thread."""
    return Path(settings.DATA_DIR) / "topics.json"


def refresh_statistics() -> None:
    """Tell PostgreSQL's planner about the rows just added.

    Until autovacuum gets round to it, PostgreSQL plans as if the tables were nearly
    empty (You missed took 32 ms instead of 3 on 10,000 articles). SQLite is left
    alone: its plans here were chosen for it without statistics, and ANALYZE made
    some of them worse.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
