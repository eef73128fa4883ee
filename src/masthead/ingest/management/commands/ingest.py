"""``masthead ingest``: poll the wire feeds that are due (from cron, or ``--watch``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Min, Q
from django.utils import timezone

from masthead.core import clock, serving
from masthead.core.batchjobs import nap, progress_bar, stop_on_interrupt
from masthead.ingest.models import WireFeed, WireFetch
from masthead.ingest.wire import grouping, poll
from masthead.ingest.wire.policy import WirePolicy

# A watcher looks at least this often, so a feed added in the back office starts soon.
LONGEST_NAP = 60.0
KB = 1024


class Command(BaseCommand):
    help = (
        "Poll the wire feeds set up in the back office and take their new stories in: "
        "each feed when its interval has passed (or never polled), with attribution, "
        "grouping the same news from several feeds into one story."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--feed", action="append", default=[], metavar="NAME",
            help="poll this feed now, due or not (its name or number; repeat for more)",
        )  # fmt: skip
        parser.add_argument(
            "--all", action="store_true", help="poll every active feed now, due or not"
        )
        parser.add_argument(
            "--watch", action="store_true",
            help="keep running: poll each feed when it is due, until Ctrl-C",
        )  # fmt: skip
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        serving.check_migrated()
        chosen = self._chosen(options["feed"], every=options["all"])
        policy = WirePolicy()
        with stop_on_interrupt(self.stderr.write) as stop:
            try:
                while True:
                    feeds = poll.claim(chosen or poll.due(), policy=policy)
                    self._pass(feeds, policy, stop, as_json=options["json"])
                    if not options["watch"] or stop():
                        break
                    chosen = []
                    nap(_seconds_to_next(), stop)
            except KeyboardInterrupt:
                pass  # a second Ctrl-C; released feeds are due again at once

    def _chosen(self, names: list[str], *, every: bool) -> list[WireFeed]:
        """The feeds named on the command line (or all active ones), checked to exist."""
        if every:
            return list(WireFeed.objects.filter(active=True))
        chosen = []
        for name in names:
            match = (
                Q(name__iexact=name) | Q(pk=int(name)) if name.isdigit() else Q(name__iexact=name)
            )
            feed = WireFeed.objects.filter(match).first()
            if feed is None:
                known = ", ".join(WireFeed.objects.values_list("name", flat=True)) or "none yet"
                raise CommandError(f"--feed {name}: no such wire feed (feeds: {known}).")
            chosen.append(feed)
        return chosen

    def _pass(self, feeds: list[WireFeed], policy: WirePolicy, stop: Callable[[], bool],
              *, as_json: bool) -> None:  # fmt: skip
        """Poll ``feeds`` once and print a line each (or one JSON object)."""
        reports = []
        with progress_bar(self.stderr) as progress:
            bar = progress.add_task("feeds", total=len(feeds)) if progress and feeds else None
            for report in poll.poll_feeds(feeds, policy=policy, stop=stop):
                reports.append(report)
                if progress is not None and bar is not None:
                    progress.advance(bar)
                if not as_json:
                    self.stdout.write(describe(report))
        grouping.forget_before(clock.now() - policy.window)
        if as_json:
            self.stdout.write(json.dumps(
                {"action": "ingest", "at": clock.now().isoformat(),
                 "feeds": [r.as_dict() for r in reports]}, ensure_ascii=False,
            ))  # fmt: skip
        elif not feeds:
            self.stdout.write("No wire feed is due.")


def describe(report: poll.Report) -> str:
    """One line about one feed's poll, for people."""
    if report.outcome == WireFetch.Outcome.FAILED:
        tries = f" after {report.attempts} attempts" if report.attempts > 1 else ""
        return f"✗ {report.feed}: {report.error}{tries}; next try {_when(report.next_check_at)}."
    if report.outcome == WireFetch.Outcome.NOT_MODIFIED:
        return f"= {report.feed}: not modified since the last poll."
    t = report.tally
    return (
        f"✓ {report.feed}: {t.entries:,} entries: {t.created:,} new, {t.updated:,} updated, "
        f"{t.grouped:,} grouped with other wires, {t.skipped:,} skipped, "
        f"{t.unchanged:,} already in ({report.bytes / KB:,.0f} KB, {report.seconds:.1f} s)."
    )


def _when(moment: datetime | None) -> str:
    return f"at {timezone.localtime(moment):%H:%M}" if moment else "at the next run"


def _seconds_to_next() -> float:
    """Seconds until the soonest active feed is due (at most ``LONGEST_NAP``)."""
    active = WireFeed.objects.filter(active=True)
    if active.filter(next_check_at__isnull=True).exists():
        return 1.0
    soonest = active.aggregate(at=Min("next_check_at"))["at"]
    if soonest is None:  # no active feed: look again in a while
        return LONGEST_NAP
    return max(1.0, min(LONGEST_NAP, (soonest - clock.now()).total_seconds()))
