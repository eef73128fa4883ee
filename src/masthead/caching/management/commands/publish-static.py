"""``masthead publish-static DIR``: the public site as files nginx serves directly."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import Progress, TaskID

from masthead.caching.publish.publisher import Publisher, Step
from masthead.core.batchjobs import progress_bar, stop_on_interrupt, until

LABELS = {"assets": "Assets", "pages": "Pages", "errors": "404 page", "cleanup": "Cleanup"}
STOPPED = "Written pages are kept; run `masthead publish-static` again to carry on."


class Command(BaseCommand):
    help = (
        "Write the public site (pages, archives, feeds, sitemaps, static files) into DIR as "
        "files nginx can serve; later runs rewrite only the files whose bytes changed and "
        "delete those of pages that are gone (docs/deploy.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", metavar="DIR", help="the folder nginx serves")
        parser.add_argument(
            "--site-url", default=None, metavar="URL",
            help="scheme and host the pages are rendered for (default: SITE_URL)",
        )  # fmt: skip
        parser.add_argument(
            "--restart", action="store_true",
            help="walk the whole site again even if an earlier run was interrupted",
        )  # fmt: skip
        parser.add_argument(
            "--skip-collectstatic", action="store_true",
            help="copy the static files already collected in the data folder (by `masthead "
            "serve` or `collectstatic`) without collecting them again",
        )  # fmt: skip
        parser.add_argument(
            "--changed", nargs="+", metavar="TAG",
            help="render only the published pages that showed one of these objects (page "
            "tags such as a:12 or s:3) and those articles' own pages, not the whole site",
        )  # fmt: skip
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = usable_folder(options["folder"])
        site_url = (options["site_url"] or settings.SITE_URL).rstrip("/")
        publisher = Publisher(
            folder, site_url=site_url, restart=options["restart"],
            collect=not options["skip_collectstatic"], changed=options["changed"],
        )  # fmt: skip
        started = time.monotonic()
        with stop_on_interrupt(self.stderr.write) as stop, progress_bar(self.stderr) as progress:
            bars: dict[str, TaskID] = {}
            try:
                for step in until(stop, publisher.steps()):
                    if progress is not None:
                        self._show(progress, bars, step)
            except KeyboardInterrupt:
                raise CommandError(f"Stopped. {STOPPED}", returncode=130) from None
        seconds = round(time.monotonic() - started, 2)
        self.stdout.write(summary(publisher, folder, seconds, as_json=options["json"]))
        if not publisher.finished:
            raise CommandError(f"Interrupted. {STOPPED}", returncode=130)
        if publisher.tally.failed:
            raise CommandError(f"{publisher.tally.failed} page(s) failed to render.")

    @staticmethod
    def _show(progress: Progress, bars: dict[str, TaskID], step: Step) -> None:
        if step.stage not in bars:
            bars[step.stage] = progress.add_task(LABELS[step.stage], total=step.total)
        progress.update(bars[step.stage], completed=step.done, total=step.total)


def usable_folder(given: str) -> Path:
    """``given`` as a folder this process can write into, made if its parent exists."""
    folder = Path(given).expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{given} is a file, not a folder: give the folder nginx serves.")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise CommandError(f"{given} does not exist, nor does its parent {folder.parent}.")
        try:
            folder.mkdir()
        except OSError as error:
            raise CommandError(f"Cannot make {given}: {error.strerror}.") from None
    try:  # a real write: permissions, a read-only mount and a full disk all show here
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".publish-probe-")
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise CommandError(
            f"{given} is not writable ({error.strerror}): nothing was published."
        ) from None
    return folder


def summary(publisher: Publisher, folder: Path, seconds: float, *, as_json: bool) -> str:
    tally = publisher.tally
    if as_json:
        return json.dumps(
            {**tally.as_dict(), "folder": str(folder), "resumed": publisher.resumed,
             "finished": publisher.finished, "problems": tally.problems, "seconds": seconds}
        )  # fmt: skip
    lines = [
        f"{'Carried on with an interrupted run: w' if publisher.resumed else 'W'}rote "
        f"{tally.written:,} files, left {tally.unchanged:,} unchanged and deleted "
        f"{tally.deleted:,}, in {seconds:,.1f} s, into {folder}."
    ]
    lines += tally.problems
    return "\n".join(lines)
