"""``masthead search rebuild``: index every article again (after an import, or a restore)."""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.articles import pagetags
from masthead.core.batchjobs import action_parsers, positive_int, progress_bar, stop_on_interrupt
from masthead.discovery.search.backends import Rebuilt, get_backend


class Command(BaseCommand):
    help = "Search index upkeep: rebuild it from the articles."

    def add_arguments(self, parser: CommandParser) -> None:
        add_action = action_parsers(parser)
        rebuild = add_action(
            "rebuild",
            help="index every article again, in batches; an interrupted rebuild carries on "
            "where it stopped when run again",
        )
        rebuild.add_argument(
            "--restart", action="store_true",
            help="start from the first article even if an earlier rebuild was interrupted",
        )  # fmt: skip
        rebuild.add_argument(
            "--batch-size", type=positive_int, default=500, metavar="N",
            help="articles per transaction (default 500)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        backend = get_backend()
        backend.batch_size = options["batch_size"]
        total = backend.pending(restart=options["restart"])
        started = time.monotonic()
        with stop_on_interrupt(self.stderr.write) as stop, progress_bar(self.stderr) as progress:
            bar = progress.add_task("Articles", total=total) if progress else None

            def advance(count: int) -> None:
                if progress and bar is not None:
                    progress.advance(bar, count)

            try:
                report = backend.rebuild(progress=advance, stop=stop, restart=options["restart"])
            except KeyboardInterrupt:
                raise CommandError(
                    "Stopped. Finished batches are kept; run `masthead search rebuild` again "
                    "to carry on.",
                    returncode=130,
                ) from None
            finally:
                # Entries went in without signals, and every finished batch is live: result
                # pages cached from the old index are stale, even after an interruption.
                pagetags.stale(pagetags.SEARCH)
        seconds = round(time.monotonic() - started, 2)
        self.stdout.write(self._summary(report, seconds, as_json=options["json"]))
        if not report.finished:
            raise CommandError(
                f"Interrupted after {report.seen:,} articles. Finished batches are kept; "
                "run `masthead search rebuild` again to carry on.",
                returncode=130,
            )

    @staticmethod
    def _summary(report: Rebuilt, seconds: float, *, as_json: bool) -> str:
        if as_json:
            return json.dumps(
                {
                    "action": "rebuild",
                    "articles": report.seen,
                    "indexed": report.indexed,
                    "resumed_after": report.resumed_after,
                    "finished": report.finished,
                    "seconds": seconds,
                }
            )
        resumed = (
            f", carrying on after article {report.resumed_after:,}" if report.resumed_after else ""
        )
        return (
            f"Indexed {report.indexed:,} published articles of {report.seen:,} looked at"
            f"{resumed}, in {seconds:,.1f} s."
        )
