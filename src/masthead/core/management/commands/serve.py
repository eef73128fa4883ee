"""``masthead serve``: production-style serving with granian (or gunicorn)."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from masthead.core import serving


class Command(BaseCommand):
    help = "Serve the site with granian or gunicorn (one worker per core by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 1, help="Worker processes."
        )
        parser.add_argument(
            "--server",
            choices=serving.SERVERS,
            help="The HTTP server: granian (the default; also MASTHEAD_SERVER) or gunicorn.",
        )
        parser.add_argument(
            "--access-log", action="store_true", help="Log every request to standard output."
        )
        parser.add_argument("--data", help="Data folder (also MASTHEAD_DATA).")

    def handle(self, *args: Any, **options: Any) -> None:
        server = options["server"] or serving.default_server()
        serving.check_migrated()
        serving.collect_static()
        self.stdout.write(f"Serving on http://{options['host']}:{options['port']}/ ({server})")
        serving.exec_server(
            server=server,
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            access_log=options["access_log"],
        )
