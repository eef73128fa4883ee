"""Write docs/cli.md from the commands' own ``--help``: ``python -m masthead.config.clidocs``."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys

COMMANDS = [
    "demo", "serve", "generate", "import", "ingest", "comments", "related", "search", "webhooks",
    "revisions", "audit", "logins", "twofactor", "cspreports", "images", "backup", "restore",
]  # fmt: skip
HEADER = """# Command line

`masthead` is Masthead's manage command: every Django command works through it
(`masthead migrate`, `masthead createsuperuser`, `masthead changepassword`, …), and every
command takes `--data DIR` (or the `MASTHEAD_DATA` environment variable) for the data
folder. This page is generated from the commands' `--help` by `make docs`; a test keeps
it true.
"""


def help_text(name: str) -> str:
    """The ``--help`` output of ``masthead <name>``, and of each of its actions if it has any."""
    from django.core.management import get_commands, load_command_class

    command = load_command_class(get_commands()[name], name)
    parsers = [command.create_parser("masthead", name)]
    for action in parsers[0]._actions:
        if isinstance(action, argparse._SubParsersAction):
            parsers.extend(action.choices.values())
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for parser in parsers:
            parser.print_help()
            print()
    return out.getvalue().rstrip()


def render() -> str:
    """The whole of docs/cli.md."""
    os.environ["COLUMNS"] = "100"
    parts = [HEADER]
    for name in COMMANDS:
        parts.append(f"## masthead {name}\n\n```text\n{help_text(name)}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
    import django

    django.setup()
    sys.stdout.write(render())
