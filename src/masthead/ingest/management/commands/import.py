"""``masthead import wordpress FILE.xml``: bring a WordPress site's content in (docs/import.md)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from contextlib import nullcontext
from io import StringIO
from pathlib import Path
from typing import IO, Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import reset_queries
from rich.progress import Progress, ProgressColumn, Task
from rich.text import Text

from masthead.articles import pagetags
from masthead.core import generation, serving
from masthead.core.batchjobs import (
    action_parsers,
    deferred_upkeep,
    progress_bar,
    stop_on_interrupt,
)
from masthead.ingest.wordpress import batches
from masthead.ingest.wordpress.mapper import WordPressImport
from masthead.ingest.wordpress.parser import WxrError, parse

MB = 1024 * 1024


class ItemRateColumn(ProgressColumn):
    """Items imported and items per second."""

    def render(self, task: Task) -> Text:
        items = task.fields.get("items", 0)
        elapsed = task.elapsed or 0
        rate = f"{items / elapsed:,.0f}/s" if elapsed > 1 else "…/s"
        return Text(f"{items:,} items {rate}", style="progress.data.speed")


class CountingReader:
    """A binary file that counts the bytes read from it, for the progress bar."""

    def __init__(self, handle: IO[bytes]):
        self.handle = handle
        self.done = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        self.done += len(chunk)
        return chunk


class Command(BaseCommand):
    help = "Import content from another publishing system (for now: a WordPress export)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_action = action_parsers(parser)
        wordpress = add_action(
            "wordpress",
            help="import a WordPress export (WXR 1.0 to 1.2: Tools › Export › All content): "
            "authors, categories, tags, posts, comments and pictures. Safe to run again: "
            "what is already there is skipped or updated, never duplicated; an interrupted "
            "import carries on where it stopped",
        )
        wordpress.add_argument("file", type=Path, metavar="FILE.xml", help="the export file")
        wordpress.add_argument(
            "--uploads", type=Path, metavar="DIR",
            help="a local copy of the site's wp-content/uploads folder, to import pictures "
            "from; without it (or for files missing from it) the original URLs are kept",
        )  # fmt: skip
        wordpress.add_argument(
            "--bulk", action="store_true",
            help="for a first import into a site not yet open to readers: keep the search "
            "index and the related-posts lists for the end and rebuild them once, about "
            "twice as fast; until then imported stories are missing from both",
        )  # fmt: skip
        wordpress.add_argument(
            "--quiet-problems", action="store_true",
            help="do not print each problem as it is met (the summary still counts them)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        serving.check_migrated()
        path: Path = options["file"]
        uploads: Path | None = options["uploads"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        if uploads is not None and not uploads.is_dir():
            raise CommandError(f"--uploads {uploads}: no such folder.")
        say = (lambda text: None) if options["quiet_problems"] else self.stderr.write
        job = WordPressImport(uploads_dir=uploads)
        job.summary.say = say
        started = time.monotonic()
        bulk = options["bulk"]
        try:
            with deferred_upkeep() if bulk else nullcontext():
                finished = self._run(path, job)
        except WxrError as exc:
            self._report(job, started, options["json"], error=f"{path}: {exc}")
            raise CommandError(f"{path}: {exc}. Items before that point were imported.") from None
        finally:
            # Comments and pictures went in without signals, the site's name may have
            # changed: the settings' snapshot and every cached page are stale.
            generation.bump()
            pagetags.stale(pagetags.EVERYTHING)
        if not finished:
            self._report(job, started, options["json"])
            later = " (with --bulk: search and related lists are rebuilt when it ends)"
            raise CommandError(
                "Stopped. Every finished item is kept; run the same command again to carry on"
                f"{later if bulk else ''}.",
                returncode=130,
            )
        rebuilt = self._rebuild() if bulk else None
        self._report(job, started, options["json"], rebuilt=rebuilt)

    def _rebuild(self) -> float:
        """Rebuild what ``--bulk`` left out: the related lists, then the search index."""
        started = time.monotonic()
        for command in ("related", "search"):
            self.stderr.write(f"Rebuilding: masthead {command} rebuild --restart")
            call_command(command, "rebuild", "--restart", stdout=StringIO(), stderr=self.stderr)
        return round(time.monotonic() - started, 2)

    def _run(self, path: Path, job: WordPressImport) -> bool:
        """Import records until the end of the file (True) or a Ctrl-C (False)."""
        size = max(path.stat().st_size, 1)
        with (
            path.open("rb") as handle,
            stop_on_interrupt(self.stderr.write) as stop,
            progress_bar(self.stderr, ItemRateColumn()) as progress,
        ):
            reader = CountingReader(handle)
            bar = progress.add_task("MB", total=-(-size // MB), items=0) if progress else None
            advance = _advancer(progress, bar, reader, job)
            records = parse(reader)  # type: ignore[arg-type]
            # Pages show the new posts within a second, not after every single save.
            with generation.coalesced(every=1.0):
                if not batches.write(records, job, stop=stop, after_each=advance):
                    return False
        job.finish()
        return True

    def _report(self, job: WordPressImport, started: float, as_json: bool, error: str = "",
                rebuilt: float | None = None) -> None:  # fmt: skip
        seconds = round(time.monotonic() - started, 2)
        summary = job.summary
        if as_json:
            data = {"action": "wordpress", "site": job.site, "items": summary.items,
                    "seconds": seconds, **summary.as_dict()}  # fmt: skip
            if error:
                data["error"] = error
            if rebuilt is not None:
                data["rebuild_seconds"] = rebuilt
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        rate = f" ({summary.items / seconds:,.0f} items/s)" if seconds and summary.items else ""
        after = f", search and related lists rebuilt in {rebuilt:,.1f} s" if rebuilt else ""
        self.stdout.write(f"Read {summary.items:,} items from {job.site or 'the export'} "
                          f"in {seconds:,.1f} s{rate}{after}.\n{summary.text()}")  # fmt: skip


def _advancer(
    progress: Progress | None, bar: Any, reader: CountingReader, job: WordPressImport
) -> Callable[[], None]:
    """A function to call after each record: moves the bar, keeps DEBUG's query log short."""
    count = [0]

    def advance() -> None:
        count[0] += 1
        if count[0] % 500 == 0:
            reset_queries()
        if progress is not None and bar is not None:
            progress.update(bar, completed=reader.done / MB, items=job.summary.items)

    return advance
