"""What Masthead's long-running commands share: stopping cleanly, progress, arguments.

A batch job yields once per committed batch. ``stop_on_interrupt`` turns a first Ctrl-C
into "stop after this batch" (a second one stops at once), ``until`` stops asking for
batches once that is requested, and ``progress_bar`` draws on stderr only when someone
watches::

    with stop_on_interrupt(self.stderr.write) as stop, progress_bar(self.stderr) as bar:
        for batch in until(stop, job.batches()):
            ...
"""

from __future__ import annotations

import argparse
import copy
import re
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, fields
from datetime import timedelta
from typing import Any, TypeVar

from django.core.management.base import CommandParser, OutputWrapper
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)

T = TypeVar("T")

_UPKEEP_DEFERRED: ContextVar[bool] = ContextVar("masthead_upkeep_deferred", default=False)
# Work a receiver left for the end of the batch: the function, and the articles noted for
# it, each with the note given when it was first noted (None when none was).
Work = Callable[[dict[int, Any]], None]
Held = dict[Work, dict[int, Any]]
_UPKEEP_HELD: ContextVar[Held | None] = ContextVar("masthead_upkeep_held", default=None)


AGE_UNITS = {"d": "days", "h": "hours", "w": "weeks"}


def age(text: str) -> timedelta:
    """Parse an age like ``90d``, ``12h`` or ``2w``, for argparse."""
    match = re.fullmatch(r"(\d+)([dhw])", text.strip())
    if not match or int(match[1]) == 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an age: give a number and a unit, like 90d, 12h or 2w"
        )
    return timedelta(**{AGE_UNITS[match[2]]: int(match[1])})


def in_days(span: timedelta) -> float | int:
    """``span`` in days: a whole number when it is one (12h is 0.5)."""
    days = span / timedelta(days=1)
    return int(days) if days.is_integer() else round(days, 4)


def positive_int(text: str) -> int:
    """Parse a whole number above zero, for argparse."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above zero")
    return int(text)


def action_parsers(parser: CommandParser) -> Callable[..., CommandParser]:
    """Give ``parser`` sub-actions that take its options before or after their name.

    Its options are Django's (``--settings``, ``--verbosity``…) and ``--json``, which
    this adds. Returns a function like ``add_parser(name, help=...)``.
    """
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    common = CommandParser(add_help=False)
    for option in parser._actions:  # argparse gives sub-parsers none of their parent's
        if option.option_strings and option.dest not in ("help", "version"):
            common._add_action(_repeated(option))
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    def add(name: str, **kwargs: Any) -> CommandParser:
        added: CommandParser = actions.add_parser(name, parents=[common], **kwargs)
        return added

    return add


def _repeated(option: argparse.Action) -> argparse.Action:
    """``option`` for a sub-parser: absent after the action, it leaves the value alone."""
    # SUPPRESS keeps an absent --json after the action from undoing one given before it;
    # the help of the command lists the option once.
    repeated = copy.copy(option)
    repeated.default = repeated.help = argparse.SUPPRESS
    return repeated


@contextmanager
def stop_on_interrupt(say: Callable[[str], Any]) -> Iterator[Callable[[], bool]]:
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


def nap(seconds: float, stop_requested: Callable[[], bool]) -> None:
    """Sleep ``seconds``, a second at a time, returning early if a stop is requested."""
    deadline = time.monotonic() + seconds
    while not stop_requested() and (left := deadline - time.monotonic()) > 0:
        time.sleep(min(1.0, left))


def until(stop_requested: Callable[[], bool], batches: Generator[T, None, None]) -> Iterator[T]:
    """Yield from ``batches`` until a stop is requested; the check comes before each batch."""
    try:
        while not stop_requested():
            batch = next(batches, None)
            if batch is None:
                return
            yield batch
    finally:
        batches.close()


def progress_bar(stderr: OutputWrapper, *extra: ProgressColumn) -> Progress | nullcontext[None]:
    """A progress bar on stderr when someone is watching, else nothing."""
    if not stderr.isatty():
        return nullcontext()
    return Progress(
        TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(), *extra,
        TimeRemainingColumn(), console=Console(stderr=True),
    )  # fmt: skip


@contextmanager
def deferred_upkeep() -> Iterator[None]:
    """Within the block, receivers skip derived data that the caller rebuilds afterwards.

    For bulk writes (an import into a new site): keeping search entries and related
    lists right after every article costs more than rebuilding them once at the end.
    Receivers that honour it call ``upkeep_deferred()``.
    """
    token = _UPKEEP_DEFERRED.set(True)
    try:
        yield
    finally:
        _UPKEEP_DEFERRED.reset(token)


def upkeep_deferred() -> bool:
    """Whether a bulk job has asked receivers to leave derived data to its rebuild."""
    return _UPKEEP_DEFERRED.get()


@contextmanager
def batched_upkeep() -> Iterator[Callable[[], None]]:
    """Within the block, receivers leave per-article upkeep for the end of the batch.

    For jobs that write many articles in one transaction (an import's batch of posts):
    ranking a batch's related lists and writing its search entries together costs far
    less than doing it after every article, and committed with the batch they are just
    as consistent. Receivers that honour it call ``upkeep_later(work, pk)``; the job
    calls the function this yields at the end of each batch, inside its transaction,
    which runs every noted ``work`` once with the articles noted for it (``pk → note``,
    in the order they were first noted).
    """
    held: Held = {}
    token = _UPKEEP_HELD.set(held)

    def run() -> None:
        while held:
            work = next(iter(held))
            work(held.pop(work))

    try:
        yield run
    finally:
        _UPKEEP_HELD.reset(token)


def upkeep_later(work: Work, pk: int, note: Any = None) -> bool:
    """Note article ``pk`` for ``work`` at the end of the batch, if a batch holds upkeep.

    ``note`` rides along to ``work``; an article noted again keeps its first note (what
    it was before the batch's first change, say). Returns False when no batch holds
    upkeep: the receiver then does its work at once.
    """
    held = _UPKEEP_HELD.get()
    if held is None:
        return False
    held.setdefault(work, {}).setdefault(pk, note)
    return True


def upkeep_noted(work: Work, pk: int) -> bool:
    """Whether article ``pk`` is noted for ``work`` at the end of the current batch."""
    held = _UPKEEP_HELD.get()
    return held is not None and pk in held.get(work, ())


def upkeep_note(work: Work, pk: int) -> Any:
    """The note kept for article ``pk`` and ``work`` in the current batch (None if none)."""
    held = _UPKEEP_HELD.get()
    return None if held is None else held.get(work, {}).get(pk)


@dataclass
class Tally:
    """What a job did, counted by outcome: a subclass names its outcomes as int fields.

    Other fields (lists of problems, say) ride along; only the counts are added up and
    reported::

        >>> @dataclass
        ... class Sent(Tally):
        ...     delivered: int = 0
        ...     failed: int = 0
        >>> tally = Sent()
        >>> tally.count("delivered")
        >>> tally.add(Sent(delivered=1, failed=2))
        >>> tally.as_dict()
        {'delivered': 2, 'failed': 2}
    """

    def count(self, outcome: str) -> None:
        """One more of ``outcome``."""
        setattr(self, outcome, getattr(self, outcome) + 1)

    def add(self, other: Tally) -> None:
        """Add the counts of ``other``, a tally of the same kind."""
        for name in self.as_dict():
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, int]:
        """The counts by outcome, for a command's ``--json``."""
        counts = {f.name: getattr(self, f.name) for f in fields(self)}
        return {name: value for name, value in counts.items() if isinstance(value, int)}
