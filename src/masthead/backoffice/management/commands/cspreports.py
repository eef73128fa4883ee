"""``masthead cspreports …``: keeping the CSP violation reports to their age (run from cron)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from masthead.backoffice import cspreports
from masthead.backoffice.management.commands.audit import _days
from masthead.comments.management.commands.comments import age
from masthead.core.batchjobs import action_parsers


class Command(BaseCommand):
    help = "CSP violation reports: delete those older than MASTHEAD_CSP_REPORTS_KEEP_DAYS."

    def add_arguments(self, parser: CommandParser) -> None:
        add_action = action_parsers(parser)
        prune = add_action(
            "prune",
            help="delete reports older than the settings allow (30 days unless set)",
        )
        prune.add_argument(
            "--older-than", type=age, metavar="AGE", help="override the settings, e.g. 7d, 12h"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        older_than = options["older_than"] or timedelta(days=settings.CSP_REPORTS_KEEP_DAYS)
        count = cspreports.prune(older_than=older_than)
        days = _days(older_than)
        result = {"action": options["action"], "deleted": count, "older_than_days": days}
        message = (
            f"Deleted {count:,} CSP report{'s' * (count != 1)} "
            f"older than {days:g} day{'s' * (days != 1)}."
        )
        self.stdout.write(json.dumps(result) if options["json"] else message)
