"""The WSGI application that gunicorn serves."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
from masthead.caching.fastpath import FastPages  # noqa: E402  (needs the settings)

# Cached pages are answered in front of Django's stack (masthead.caching.fastpath).
application = FastPages(get_wsgi_application())

from masthead.core import background  # noqa: E402  (needs the settings set up above)

# Renditions and other heavy work run after the answer, one job at a time per worker.
background.use_thread()
