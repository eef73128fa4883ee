"""Work after the answer: in the site's processes, one thread runs handed-over jobs in turn.

Until Masthead has a task queue (issue #18), work too heavy for a request, such as an
image's renditions, is handed over with ``later(job, *args)``, usually from
``transaction.on_commit``. In the site's processes (``config/wsgi.py`` calls
``use_thread``) a single daemon thread runs the jobs in order, so a burst of uploads
waits in line instead of decoding many pictures at once: the memory they take is one
job's, per process. Elsewhere (commands, which exit when done; tests) ``later`` runs the
job at once. A job is lost if the process stops before running it; every caller keeps
its state in the database and has a command that does what is left (``masthead images
renditions``). #18 replaces ``later`` with its queue's ``enqueue``.

Jobs on the thread use their own database connection, closed after each job.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from django.db import connections

logger = logging.getLogger(__name__)

# Past this many waiting jobs, new ones are dropped (and logged): their command redoes them.
MOST_WAITING = 1000

_jobs: queue.Queue[tuple[Callable[..., Any], tuple[Any, ...]]] = queue.Queue(MOST_WAITING)
_started = threading.Lock()
_worker: threading.Thread | None = None
_threaded = False


def use_thread(on: bool = True) -> None:
    """Run jobs handed to ``later`` on the background thread (``on``), or at once."""
    global _threaded
    _threaded = on


def later(job: Callable[..., Any], *args: Any) -> bool:
    """Run ``job(*args)`` on the background thread; False if too many jobs are waiting.

    Without ``use_thread`` the job runs now, in the caller, and True is returned.
    """
    if not _threaded:
        job(*args)
        return True
    _start()
    try:
        _jobs.put_nowait((job, args))
    except queue.Full:
        logger.warning("Background queue full: %s%r dropped", getattr(job, "__name__", job), args)
        return False
    return True


def wait(timeout: float = 60.0) -> bool:
    """Wait until every job handed over so far has run; False if ``timeout`` passed first."""
    finished = threading.Event()
    if not later(finished.set):
        return False
    return finished.wait(timeout)


def _start() -> None:
    global _worker
    with _started:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_run, name="masthead-background", daemon=True)
            _worker.start()


def _run() -> None:
    while True:
        job, args = _jobs.get()
        try:
            job(*args)
        except Exception:  # one job's failure must not stop the ones after it
            logger.exception("Background job %s%r failed", getattr(job, "__name__", job), args)
        finally:
            connections.close_all()
            _jobs.task_done()
