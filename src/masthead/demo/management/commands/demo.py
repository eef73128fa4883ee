"""``masthead demo``: a ready newsroom on this machine in one command."""

from __future__ import annotations

import secrets
from io import StringIO
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from masthead.core import serving
from masthead.demo import loader

VOLUME = 240


class Command(BaseCommand):
    help = (
        "Create the data folder, migrate, fill it with the demo newsroom (once), create an "
        "admin account and serve the site."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument("--data", help="Data folder (also MASTHEAD_DATA).")
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the data folder, then stop."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"Data folder: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        if loader.is_filled():
            self.stdout.write("The demo newsroom is already there.")
        else:
            self.fill()
        self.ensure_admin()
        if options["no_serve"]:
            return
        serving.collect_static()
        host, port = options["host"], options["port"]
        self.stdout.write(self.style.SUCCESS(f"The demo site is at http://{host}:{port}/"))
        self.stdout.write(f"The back office is at http://{host}:{port}/admin/ (Ctrl-C stops).")
        serving.exec_server(server=serving.default_server(), host=host, port=port, workers=2)

    def fill(self) -> None:
        self.stdout.write("Writing the demo newsroom…")
        count = loader.load_demo()
        self.stdout.write(f"  {count} hand-written articles")
        call_command("generate", articles=VOLUME, older_than_days=61, verbosity=0)
        self.stdout.write(f"  {VOLUME} generated articles for volume, older than two months")
        # Bulk-generated rows send no signals: index them and compute related posts in one go.
        call_command("search", "rebuild", verbosity=0, stdout=StringIO())
        call_command("related", "rebuild", verbosity=0, stdout=StringIO())
        self.stdout.write("  search index and related posts built for every article")

    def ensure_admin(self) -> None:
        users = get_user_model().objects
        if users.filter(is_superuser=True).exists():
            self.stdout.write(
                "Admin account exists (forgot the password? `masthead changepassword admin`)."
            )
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser("admin", "admin@localhost", password)
        self.stdout.write(self.style.WARNING(f"Admin account: admin / {password}"))
        self.stdout.write("  This password is shown once; change it after you sign in.")
