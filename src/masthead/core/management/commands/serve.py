"""``masthead serve``: production-style serving with gunicorn."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from masthead.core import serving


class Command(BaseCommand):
    help = "Serve the site with gunicorn (one worker per core by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 1, help="gunicorn worker processes."
        )
        parser.add_argument(
            "--access-log", action="store_true", help="Log every request to standard output."
        )
        parser.add_argument("--data", help="Data folder (also MASTHEAD_DATA).")

    def handle(self, *args: Any, **options: Any) -> None:
        serving.check_migrated()
        serving.collect_static()
        self.stdout.write(f"Serving on http://{options['host']}:{options['port']}/")
        serving.exec_gunicorn(
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            access_log=options["access_log"],
        )
