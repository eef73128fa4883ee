"""``masthead backup DIR``: a consistent copy of the database and the media, while the site runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.core.backup.jobs import Interrupted, make_backup
from masthead.core.backup.manifest import BackupError
from masthead.core.backup.progress import BarSteps
from masthead.core.batchjobs import positive_int, progress_bar, stop_on_interrupt


class Command(BaseCommand):
    help = (
        "Back up the database (a snapshot of one moment, taken while the site runs) and the "
        "media into a new folder DIR/<time>/; docs/backup.md says how to schedule and restore."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path, metavar="DIR", help="Folder that keeps the backups.")
        parser.add_argument(
            "--keep", type=positive_int, metavar="N",
            help="Then delete all but the N newest backups in DIR (and any unfinished ones).",
        )  # fmt: skip
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with (
                stop_on_interrupt(self.stderr.write) as stop,
                progress_bar(self.stderr) as progress,
            ):
                result = make_backup(
                    root=options["dir"].resolve(), steps=BarSteps(progress),
                    stop_requested=stop, keep=options["keep"],
                )  # fmt: skip
        except Interrupted as exc:
            raise CommandError(str(exc), returncode=130) from exc
        except KeyboardInterrupt:
            message = "Interrupted: the unfinished backup was deleted."
            raise CommandError(message, returncode=130) from None
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(result) if options["json"] else _summary(result))


def _summary(result: dict[str, Any]) -> str:
    lines = [
        f"Backed up {result['rows']:,} rows in {result['tables']} tables ({result['engine']}) "
        f"and {result['media_files']:,} media files, {result['bytes'] / 2**20:,.1f} MB, "
        f"in {result['seconds']:,.1f} s to {result['backup']}"
    ]
    if result["unsettled"]:
        lines.append(
            "Left out, still being written after several tries: " + ", ".join(result["unsettled"])
        )
    if result["pruned"]:
        lines.append(f"Deleted older backups: {', '.join(result['pruned'])}")
    return "\n".join(lines)
