"""``masthead related rebuild``: recompute every article's terms (or embedding) and list."""

from __future__ import annotations

import argparse
import json
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from masthead.discovery.related.backend import StoredLists, configured_lists
from masthead.discovery.related.rebuild import BATCH_SIZE, Job, Step

LABELS = {"count": "Counting", "terms": "Terms", "embed": "Embedding", "lists": "Lists"}
STOPPED = "Finished batches are kept; run `masthead related rebuild` again to carry on."


def positive_int(text: str) -> int:
    """Parse a whole number above zero, for argparse."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above zero")
    return int(text)


class Command(BaseCommand):
    help = "Related-posts upkeep: recompute every published article's terms and list."

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
        with _stop_on_interrupt(self.stderr.write) as stop, self._progress() as progress:
            bars: dict[str, TaskID] = {}
            try:
                for step in _until(stop, job.steps()):
                    if progress is not None:
                        self._show(progress, bars, step)
            except KeyboardInterrupt:
                raise CommandError(f"Stopped. {STOPPED}", returncode=130) from None
        seconds = round(time.monotonic() - started, 2)
        self.stdout.write(self._summary(job, seconds, as_json=options["json"]))
        if not job.finished:
            raise CommandError(f"Interrupted. {STOPPED}", returncode=130)

    def _progress(self) -> Progress | nullcontext[None]:
        """A progress bar on stderr when someone is watching, else nothing."""
        if not self.stderr.isatty():
            return nullcontext()
        return Progress(
            TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(),
            TimeRemainingColumn(), console=Console(stderr=True),
        )  # fmt: skip

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


def _until(stop: Callable[[], bool], steps: Generator[Step, None, None]) -> Iterator[Step]:
    """Yield from ``steps`` until a stop is requested; each step is a committed batch."""
    try:
        for step in steps:
            yield step
            if stop():
                return
    finally:
        steps.close()


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
