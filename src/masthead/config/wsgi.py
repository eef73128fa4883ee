"""The WSGI application that granian (or gunicorn) serves."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
django_application = get_wsgi_application()

# Both need the settings and the apps set up above.
from django.urls import get_resolver  # noqa: E402

from masthead.caching.fastpath import FastPages  # noqa: E402
from masthead.core import background  # noqa: E402

# Every view module is imported now, while the process starts, not by the first reader
# (5.3 s on a loaded machine, 36 MiB: the API's views bring Django REST framework's
# extras; bench/worker_memory.py). Under granian that process is the master, before it
# forks the workers (masthead.config.preload), so they share all of it.
get_resolver().url_patterns  # noqa: B018

# Cached pages are answered in front of Django's stack (masthead.caching.fastpath).
application = FastPages(django_application)

# Renditions and other heavy work run after the answer, one job at a time per worker.
background.use_thread()
