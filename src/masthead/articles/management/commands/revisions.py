"""``masthead revisions prune``: keep the revisions table to a size (from cron or a timer)."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.articles.services.revisions import Pruning
from masthead.core.batchjobs import action_parsers, progress_bar, stop_on_interrupt, until


def count(text: str) -> int:
    """Parse a whole number, zero or more, for argparse."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (0 or more)")
    return int(text)


class Command(BaseCommand):
    help = "Revision housekeeping: delete old revisions the retention setting does not keep."

    def add_arguments(self, parser: CommandParser) -> None:
        add_action = action_parsers(parser)
        prune = add_action(
            "prune",
            help="delete each story's revisions beyond the newest MASTHEAD_REVISIONS_KEEP; "
            "those saved while the story was public, and its newest, are always kept",
        )
        prune.add_argument(
            "--keep", type=count, metavar="N",
            help="keep this many per story instead of MASTHEAD_REVISIONS_KEEP",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        job = Pruning(keep=options["keep"])
        started, deleted, done = time.monotonic(), 0, 0
        with stop_on_interrupt(self.stderr.write) as stop, progress_bar(self.stderr) as progress:
            bar = progress.add_task("Stories", total=len(job.stories)) if progress else None
            for rows in until(stop, job.batches()):
                deleted += rows
                done = min(done + job.stories_per_batch, len(job.stories))
                if progress and bar is not None:
                    progress.update(bar, completed=done)
        finished = done == len(job.stories)
        result = {
            "action": "prune", "keep": job.keep, "stories": done, "deleted": deleted,
            "finished": finished, "seconds": round(time.monotonic() - started, 2),
        }  # fmt: skip
        self.stdout.write(json.dumps(result) if options["json"] else self._summary(result))
        if not finished:
            raise CommandError(
                "Interrupted. Finished batches are kept; run `masthead revisions prune` again "
                "to carry on.",
                returncode=130,
            )

    @staticmethod
    def _summary(result: dict[str, Any]) -> str:
        rows, stories = result["deleted"], result["stories"]
        return (
            f"Deleted {rows:,} old revision{'s' * (rows != 1)} of {stories:,} "
            f"stor{'ies' if stories != 1 else 'y'}, keeping {result['keep']:,} per story "
            "besides those saved while it was public."
        )
