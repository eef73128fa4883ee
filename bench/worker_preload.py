"""The WSGI app with everything a first request loads already loaded, for ``gunicorn --preload``.

Used by ``bench/worker_memory.py`` to measure what loading in the master before the fork
saves: the URL configuration (and the API schema views and Django REST framework modules
it imports) is loaded once and shared by the workers, and ``gc.freeze()`` moves what is
loaded so far out of the collector's sight, so collections do not dirty the shared pages.
"""

from __future__ import annotations

import gc

from django.db import connections
from django.urls import get_resolver

from masthead.config.wsgi import application

get_resolver().url_patterns  # noqa: B018 (imports every view module the site routes to)
connections.close_all()  # no connection may cross the fork
gc.freeze()

__all__ = ["application"]
