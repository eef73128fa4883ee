"""``masthead webhooks deliver``: send the webhook deliveries that are due (cron or --watch)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from masthead.api.webhooks import services
from masthead.core.batchjobs import action_parsers, nap, positive_int, stop_on_interrupt, until


class Command(BaseCommand):
    help = "Webhooks: send the deliveries that are due, with retries as they come due."

    def add_arguments(self, parser: CommandParser) -> None:
        add_action = action_parsers(parser)
        deliver = add_action(
            "deliver",
            help="send every due delivery, then stop (run it each minute from cron) or watch",
        )
        deliver.add_argument(
            "--watch", action="store_true",
            help="keep running: look for due deliveries every --interval seconds until Ctrl-C",
        )  # fmt: skip
        deliver.add_argument(
            "--interval", type=positive_int, default=5, metavar="SECONDS",
            help="with --watch, the pause between looks (default 5)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        total = services.DeliveryTally()
        with stop_on_interrupt(self.stderr.write) as stop:
            try:
                while True:
                    for tally in until(stop, services.deliver_due()):
                        total.add(tally)
                    if not options["watch"] or stop():
                        break
                    nap(options["interval"], stop)
            except KeyboardInterrupt:
                pass  # a second Ctrl-C: report what was done
        self.report(total, as_json=options["json"])

    def report(self, total: services.DeliveryTally, *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps({"action": "deliver", **total.as_dict()}))
            return
        self.stdout.write(
            f"Attempted {total.attempted:,} deliver{'ies' if total.attempted != 1 else 'y'}: "
            f"{total.delivered:,} delivered, {total.retrying:,} to retry later, "
            f"{total.failed:,} failed."
        )
