"""``masthead restore DIR``: a backup into an empty database and media folder, then checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.core.backup.jobs import Interrupted, restore_backup
from masthead.core.backup.manifest import BackupError
from masthead.core.backup.progress import BarSteps
from masthead.core.batchjobs import progress_bar, stop_on_interrupt


class Command(BaseCommand):
    help = (
        "Restore a backup made by `masthead backup` into an empty database and media folder, "
        "then check every table against the backup's manifest. DIR is one backup, or the "
        "folder of backups (the newest is used)."
    )
    # Nothing is checked or touched before the backup and the target have been looked at.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path, metavar="DIR", help="A backup, or a folder of them.")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with (
                stop_on_interrupt(self.stderr.write) as stop,
                progress_bar(self.stderr) as progress,
            ):
                result = restore_backup(
                    path=options["dir"].resolve(), steps=BarSteps(progress), stop_requested=stop
                )
        except Interrupted as exc:
            raise CommandError(str(exc), returncode=130) from exc
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(result) if options["json"] else _summary(result))


def _summary(result: dict[str, Any]) -> str:
    lines = [
        f"Restored {result['backup']} (made {result['created_at']}): {result['rows']:,} rows in "
        f"{result['tables']} tables and {result['media_files']:,} media files, every table "
        "checked against the manifest."
    ]
    if result["secret_key"]:
        lines.append("The data folder's secret key is the backup's again (sessions carry on).")
    if result["migrate"]:
        lines.append("Its schema is older than this Masthead's: run `masthead migrate` next.")
    return "\n".join(lines)
