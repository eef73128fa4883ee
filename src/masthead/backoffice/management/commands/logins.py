"""``masthead logins …``: sign-in lockouts: list them, lift one, prune the old records."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.backoffice import logins
from masthead.core.batchjobs import action_parsers


class Command(BaseCommand):
    help = "Sign-in throttling: list lockouts, lift one, prune old failures and lockouts."

    def add_arguments(self, parser: CommandParser) -> None:
        add_action = action_parsers(parser)
        add_action("list", help="list the lockouts that hold now")
        unlock = add_action(
            "unlock", help="let an account name (or, with --ip, an address) sign in again"
        )
        unlock.add_argument("username", nargs="?", default="", help="the account name locked")
        unlock.add_argument("--ip", default="", metavar="ADDRESS", help="an address locked")
        add_action(
            "prune",
            help="delete failures and lockouts older than MASTHEAD_LOGIN_LOCKOUT_MINUTES",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            self._list(as_json=options["json"])
            return
        if action == "unlock":
            if not options["username"] and not options["ip"]:
                raise CommandError("Name the account to unlock, or give --ip ADDRESS.")
            count = logins.unlock(username=options["username"], ip=options["ip"])
            result: dict[str, Any] = {"action": action, "lifted": count}
            who = " and ".join(filter(None, [options["username"], options["ip"]]))
            message = (
                f"Lifted {count} lockout{'s' * (count != 1)}: {who} may sign in again."
                if count
                else f"No lockout holds {who}: nothing to lift."
            )
        else:
            count = logins.Throttle.from_settings().prune()
            result = {"action": action, "deleted": count}
            message = f"Deleted {count:,} old failed sign-in{'s' * (count != 1)} and lockouts."
        self.stdout.write(json.dumps(result) if options["json"] else message)

    def _list(self, *, as_json: bool) -> None:
        rows = [
            {
                "locked": lockout.kind,
                "key": lockout.key,
                "since": lockout.since.isoformat(timespec="seconds"),
                "until": lockout.until.isoformat(timespec="seconds"),
                "failures": lockout.failures,
                "refused": lockout.refused,
            }
            for lockout in logins.active().order_by("until")
        ]
        if as_json:
            self.stdout.write(json.dumps(rows))
        elif not rows:
            self.stdout.write("No lockout holds now.")
        for row in [] if as_json else rows:
            self.stdout.write(
                f"{row['locked']:<8} {row['key']:<40} until {row['until']} "
                f"({row['failures']} failures, {row['refused']} refused since)"
            )
