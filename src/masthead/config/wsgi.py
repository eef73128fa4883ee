"""The WSGI application that gunicorn serves."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
django_application = get_wsgi_application()

# Both need the settings and the apps set up above.
from masthead.caching.fastpath import FastPages  # noqa: E402
from masthead.core import background  # noqa: E402

# Cached pages are answered in front of Django's stack (masthead.caching.fastpath).
application = FastPages(django_application)

# Renditions and other heavy work run after the answer, one job at a time per worker.
background.use_thread()
