"""``masthead comments …``: housekeeping for comments (run them from cron or a timer)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from masthead.comments import classifier, services
from masthead.core.batchjobs import action_parsers, age


class Command(BaseCommand):
    help = "Comment housekeeping: erase old IP addresses, empty spam and trash, retrain."

    def add_arguments(self, parser: CommandParser) -> None:
        add_action = action_parsers(parser)
        purge = add_action(
            "purge-ips",
            help="erase the stored IP address of comments older than an age",
        )
        purge.add_argument(
            "--older-than", type=age, required=True, metavar="AGE", help="e.g. 90d, 12h, 2w"
        )
        empty = add_action(
            "empty-trash",
            help="delete spam and trash older than the comment settings allow (30 days)",
        )
        empty.add_argument(
            "--older-than", type=age, metavar="AGE", help="override the settings, e.g. 7d"
        )
        add_action(
            "train",
            help="rebuild the spam classifier from every stored moderation decision",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "purge-ips":
            count = services.purge_ips(older_than=options["older_than"])
            result: dict[str, Any] = {"action": action, "erased": count}
            message = f"Erased the IP address of {count:,} comment{'s' * (count != 1)}."
        elif action == "empty-trash":
            count = services.empty_trash(older_than=options["older_than"])
            result = {"action": action, "deleted": count}
            message = f"Deleted {count:,} comment{'s' * (count != 1)} from spam and trash."
        else:
            stats = classifier.retrain()
            result = {"action": action, **stats}
            message = (
                f"Retrained on {stats['ham']:,} approved and {stats['spam']:,} spam comments "
                f"({stats['tokens']:,} tokens)."
            )
        self.stdout.write(json.dumps(result) if options["json"] else message)
