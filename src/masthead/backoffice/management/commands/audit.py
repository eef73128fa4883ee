"""``masthead audit …``: keeping the audit log to its configured age (run it from cron)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from masthead.backoffice import audit
from masthead.comments.management.commands.comments import age
from masthead.core.batchjobs import action_parsers


class Command(BaseCommand):
    help = "Audit log housekeeping: delete entries older than MASTHEAD_AUDIT_KEEP_DAYS."

    def add_arguments(self, parser: CommandParser) -> None:
        add_action = action_parsers(parser)
        prune = add_action(
            "prune",
            help="delete audit entries older than the settings allow (365 days unless set)",
        )
        prune.add_argument(
            "--older-than", type=age, metavar="AGE", help="override the settings, e.g. 90d, 2w"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        older_than = options["older_than"] or timedelta(days=settings.AUDIT_KEEP_DAYS)
        count = audit.prune(older_than=older_than)
        days = _days(older_than)
        result = {"action": options["action"], "deleted": count, "older_than_days": days}
        message = (
            f"Deleted {count:,} audit entr{'ies' if count != 1 else 'y'} "
            f"older than {days:g} day{'s' * (days != 1)}."
        )
        self.stdout.write(json.dumps(result) if options["json"] else message)


def _days(span: timedelta) -> float | int:
    """``span`` in days: a whole number when it is one (12h is 0.5)."""
    days = span / timedelta(days=1)
    return int(days) if days.is_integer() else round(days, 4)
