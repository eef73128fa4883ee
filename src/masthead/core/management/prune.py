"""A command whose one action, ``prune``, deletes records older than the age a setting keeps.

Subclasses say what they prune and how long it is kept::

    class Command(PruneCommand):
        help = "Audit log housekeeping: delete entries older than MASTHEAD_AUDIT_KEEP_DAYS."
        names = ("audit entry", "audit entries")
        keep_days_setting = "AUDIT_KEEP_DAYS"

        def prune(self, older_than: timedelta) -> int:
            return audit.prune(older_than=older_than)

``masthead audit prune [--older-than 90d] [--json]`` then prints what it deleted.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from masthead.core.batchjobs import action_parsers, age, in_days


class PruneCommand(BaseCommand):
    """``prune [--older-than AGE]``: delete what is older than ``keep_days_setting`` days."""

    names: tuple[str, str] = ("record", "records")  # one, many
    keep_days_setting = ""
    example_age = "90d, 12h"

    def prune(self, older_than: timedelta) -> int:
        """Delete what is older than ``older_than``; return how many went."""
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        kept = getattr(settings, self.keep_days_setting)
        allowed = f"older than the settings allow ({kept} days unless set)"
        prune = action_parsers(parser)("prune", help=f"delete {self.names[1]} {allowed}")
        prune.add_argument(
            "--older-than", type=age, metavar="AGE",
            help=f"override the settings, e.g. {self.example_age}",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        kept = timedelta(days=getattr(settings, self.keep_days_setting))
        older_than = options["older_than"] or kept
        count = self.prune(older_than)
        days = in_days(older_than)
        result = {"action": options["action"], "deleted": count, "older_than_days": days}
        message = (
            f"Deleted {count:,} {self.names[count != 1]} "
            f"older than {days:g} day{'s' * (days != 1)}."
        )
        self.stdout.write(json.dumps(result) if options["json"] else message)
