"""``masthead twofactor …``: who has two-factor sign-in, and resetting a member's."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from masthead.backoffice import services, twofactor
from masthead.core.batchjobs import action_parsers


class Command(BaseCommand):
    help = "Two-factor sign-in: list who has it (and who must), reset a member's."

    def add_arguments(self, parser: CommandParser) -> None:
        add_action = action_parsers(parser)
        add_action(
            "list", help="every active member of the back office: two-factor on or off, required"
        )
        reset = add_action(
            "reset",
            help="turn a member's two-factor sign-in off (a lost phone) and end their sessions",
        )
        reset.add_argument("username", help="the member's account name")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list(as_json=options["json"])
            return
        name = options["username"]
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise CommandError(
                f"No account is named {name!r}: `masthead twofactor list` names them."
            )
        done = twofactor.reset(user=user)
        message = (
            f"Reset {name}'s two-factor sign-in: they sign in with their password and set it "
            "up again."
            if done
            else f"{name} has no two-factor sign-in: nothing to reset."
        )
        result = {"action": "reset", "username": name, "reset": done}
        self.stdout.write(json.dumps(result) if options["json"] else message)

    def _list(self, *, as_json: bool) -> None:
        policy = twofactor.Policy.from_settings()
        apps = {
            device.user_id: device
            for device in TOTPDevice.objects.filter(confirmed=True).order_by("-pk")
        }
        left: dict[int, int] = {}
        for user_id in StaticToken.objects.values_list("device__user_id", flat=True):
            left[user_id] = left.get(user_id, 0) + 1
        rows = [
            _row(user, apps.get(user.pk), left.get(user.pk, 0), policy)
            for user in twofactor.members()
        ]
        if as_json:
            self.stdout.write(json.dumps(rows))
            return
        for row in rows:
            state = (
                f"on since {row['since']}, {row['recovery_codes']} recovery codes"
                if row["on"]
                else "off"
            )
            needs = " (required: must set it up)" if row["required"] and not row["on"] else ""
            self.stdout.write(f"{row['username']:<30} {row['role'] or '-':<14} {state}{needs}")
        if not rows:
            self.stdout.write("Nobody can use the back office yet.")


def _row(user: Any, app: Any, left: int, policy: twofactor.Policy) -> dict[str, Any]:
    return {
        "username": user.get_username(),
        "role": services.role_of(user) or ("superuser" if user.is_superuser else ""),
        "on": app is not None,
        "since": app.created_at.isoformat(timespec="seconds") if app and app.created_at else None,
        "last_used": (
            app.last_used_at.isoformat(timespec="seconds") if app and app.last_used_at else None
        ),
        "recovery_codes": left if app else 0,
        "required": policy.requires(user),
    }
