"""Start granian from a process that has loaded the site, so that its workers share it.

(gunicorn gets the same with ``--preload`` and this module as its configuration, whose
``when_ready`` hook runs ``load_site`` in its master; see ``core/serving.py``.)

granian forks its workers from its master and each worker then imports the application:
every worker held its own copy of Django, the URL configuration and what they import,
about 65 MiB each (docs/benchmarks.md). ``masthead serve`` runs granian as
``python -m masthead.config.preload <granian options> masthead.config.wsgi:application``
instead: this module imports the application first, then hands the command line to
granian. The workers forked afterwards find the application already imported and share
its memory with the master until they write to it; ``gc.freeze()`` keeps Python's
collector from writing to all of it. A worker that granian replaces starts the same way,
without importing anything.

A consequence for deploys: granian's reload (``SIGHUP``) forks new workers from this
master, which keeps the code it loaded; restart the service to run new code.
"""

from __future__ import annotations

import gc


def load_site() -> None:
    """Import the WSGI application, leave no database connection open, freeze what is loaded."""
    from django.db import connections

    import masthead.config.wsgi  # noqa: F401  (loads settings, apps and every view module)

    # A connection opened while loading would be shared by every forked worker.
    connections.close_all()
    gc.freeze()


def when_ready(server: object) -> None:
    """gunicorn's hook (``--config python:masthead.config.preload``): its ``--preload``
    master has imported the site; leave it as ``load_site`` leaves granian's."""
    load_site()


def main() -> None:
    """Load the site, then run granian's command line (``sys.argv``) in this process."""
    load_site()
    from granian.cli import entrypoint

    entrypoint()


if __name__ == "__main__":
    main()
