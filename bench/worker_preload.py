"""The WSGI app loaded the way ``masthead.config.preload`` loads it, for ``gunicorn --preload``.

Used by ``bench/worker_memory.py`` to measure what loading in the master before the fork
saves under gunicorn: the application and its URL configuration (with the API schema
views and the Django REST framework modules they import) are loaded once and shared by
the workers, and ``gc.freeze()`` keeps collections from dirtying the shared pages.
``masthead serve`` does this for granian (its default server).
"""

from __future__ import annotations

from masthead.config.preload import load_site

load_site()

from masthead.config.wsgi import application  # noqa: E402

__all__ = ["application"]
