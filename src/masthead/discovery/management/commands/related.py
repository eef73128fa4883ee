"""``masthead related rebuild``: recompute every article's terms (or embedding) and list."""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import (
    Progress,
    TaskID,
)

from masthead.articles import pagetags
from masthead.core.batchjobs import (
    action_parsers,
    positive_int,
    progress_bar,
    stop_on_interrupt,
    until,
)
from masthead.discovery.related.backend import StoredLists, configured_lists
from masthead.discovery.related.rebuild import BATCH_SIZE, Job, Step

LABELS = {"count": "Counting", "terms": "Terms", "embed": "Embedding", "lists": "Lists"}
STOPPED = "Finished batches are kept; run `masthead related rebuild` again to carry on."


class Command(BaseCommand):
    help = "Related-posts upkeep: recompute every published article's terms and list."

    def add_arguments(self, parser: CommandParser) -> None:
        rebuild = action_parsers(parser)(
            "rebuild",
            help="count every term, store every article's terms, then compute every list, "
            "in batches (in the semantic mode: embed every article whose text changed, "
            "then compute every list); an interrupted rebuild carries on where it stopped "
            "when run again",
        )
        rebuild.add_argument(
            "--restart", action="store_true",
            help="start again from the beginning even if an earlier rebuild was interrupted",
        )  # fmt: skip
        rebuild.add_argument(
            "--batch-size", type=positive_int, default=BATCH_SIZE, metavar="N",
            help=f"articles per transaction (default {BATCH_SIZE})",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        lists = configured_lists() or StoredLists()
        job = lists.rebuild(batch_size=options["batch_size"], restart=options["restart"])
        started = time.monotonic()
        with stop_on_interrupt(self.stderr.write) as stop, progress_bar(self.stderr) as progress:
            bars: dict[str, TaskID] = {}
            try:
                for step in until(stop, job.steps()):
                    if progress is not None:
                        self._show(progress, bars, step)
            except KeyboardInterrupt:
                raise CommandError(f"Stopped. {STOPPED}", returncode=130) from None
            finally:
                # The lists went in without signals, and every finished batch is live:
                # pages cached with the old lists are stale, even after an interruption.
                pagetags.stale(pagetags.RELATED)
        seconds = round(time.monotonic() - started, 2)
        self.stdout.write(self._summary(job, seconds, as_json=options["json"]))
        if not job.finished:
            raise CommandError(f"Interrupted. {STOPPED}", returncode=130)

    @staticmethod
    def _show(progress: Progress, bars: dict[str, TaskID], step: Step) -> None:
        if step.stage not in bars:
            bars[step.stage] = progress.add_task(LABELS[step.stage], total=step.total)
        progress.update(bars[step.stage], completed=step.done, total=step.total)

    @staticmethod
    def _summary(job: Job, seconds: float, *, as_json: bool) -> str:
        done = job.done
        if as_json:
            return json.dumps(
                {"action": "rebuild", **done, "resumed": job.resumed, "finished": job.finished,
                 "seconds": seconds}
            )  # fmt: skip
        resumed = "Carried on with an interrupted rebuild: c" if job.resumed else "C"
        if "embed" in done:
            return (
                f"{resumed}omputed the embeddings of {done['embed']:,} articles "
                f"({done['unchanged']:,} unchanged) and the related list of "
                f"{done['lists']:,}, in {seconds:,.1f} s."
            )
        return (
            f"{resumed}ounted the terms of {done['count']:,} articles, stored the terms of "
            f"{done['terms']:,} and the related list of {done['lists']:,}, "
            f"in {seconds:,.1f} s."
        )
