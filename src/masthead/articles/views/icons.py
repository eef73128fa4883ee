"""``/favicon.ico``: browsers ask for it at the root of every site, whatever pages declare."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# Drawn by scripts/favicon.py; pages declare the SVG beside it.
ICO = Path(__file__).resolve().parent.parent / "static" / "masthead" / "favicon.ico"
WEEK = 7 * 24 * 3600


@cache
def _icon() -> bytes:
    return ICO.read_bytes()


@require_safe
@cache_control(public=True, max_age=WEEK)  # its address never changes, so not for a year
def favicon(request: HttpRequest) -> HttpResponse:
    """The site's icon, 16 and 32 pixels, from memory: no database, no template."""
    return HttpResponse(_icon(), content_type="image/x-icon")
