"""The ``masthead`` command: Django's manage.py, with a ``--data`` option for every command.

``masthead --data DIR <command>`` (or ``MASTHEAD_DATA=DIR``) chooses the data folder
(SQLite database, media, secret key) for any command, Django's own included.
"""

from __future__ import annotations

import os
import sys


def take_data_option(argv: list[str]) -> list[str]:
    """Remove ``--data DIR`` / ``--data=DIR`` from ``argv`` into MASTHEAD_DATA."""
    rest: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--data":
            value = next(args, None)
            if value is None:
                sys.exit("masthead: --data needs a folder, e.g. --data ./masthead-data")
            os.environ["MASTHEAD_DATA"] = value
        elif arg.startswith("--data="):
            os.environ["MASTHEAD_DATA"] = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return rest


def main(argv: list[str] | None = None) -> None:
    """Run a Masthead or Django command."""
    argv = take_data_option(list(sys.argv if argv is None else argv))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
