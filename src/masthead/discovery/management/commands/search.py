"""``masthead search rebuild``: index every article again (after an import, or a restore)."""

from __future__ import annotations

import argparse
import json
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from masthead.discovery.search.backends import Rebuilt, get_backend


def positive_int(text: str) -> int:
    """Parse a whole number above zero, for argparse."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above zero")
    return int(text)


class Command(BaseCommand):
    help = "Search index upkeep: rebuild it from the articles."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        # --json also after the action's name; SUPPRESS keeps an absent one from undoing it.
        common = CommandParser(add_help=False)
        common.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        rebuild = actions.add_parser(
            "rebuild",
            parents=[common],
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
        with _stop_on_interrupt(self.stderr.write) as stop, self._progress() as progress:
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
        seconds = round(time.monotonic() - started, 2)
        self.stdout.write(self._summary(report, seconds, as_json=options["json"]))
        if not report.finished:
            raise CommandError(
                f"Interrupted after {report.seen:,} articles. Finished batches are kept; "
                "run `masthead search rebuild` again to carry on.",
                returncode=130,
            )

    def _progress(self) -> Progress | nullcontext[None]:
        """A progress bar on stderr when someone is watching, else nothing."""
        if not self.stderr.isatty():
            return nullcontext()
        return Progress(
            TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(),
            TimeRemainingColumn(), console=Console(stderr=True),
        )  # fmt: skip

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


@contextmanager
def _stop_on_interrupt(say: Callable[[str], Any]) -> Iterator[Callable[[], bool]]:
    """Turn a first Ctrl-C into "stop after this batch"; a second one stops at once."""
    requested = threading.Event()
    # Signal handlers can only be set from the main thread (not so under some test runners).
    if threading.current_thread() is not threading.main_thread():
        yield requested.is_set
        return

    def on_interrupt(signum: int, frame: object) -> None:
        if requested.is_set():
            raise KeyboardInterrupt
        requested.set()
        say("Stopping after the current batch (Ctrl-C again to stop at once)…")

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield requested.is_set
    finally:
        signal.signal(signal.SIGINT, previous)
