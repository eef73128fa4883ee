"""What every public template may use: the site's settings and menu."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from masthead.articles.models import SiteSettings


def site(request: HttpRequest) -> dict[str, Any]:
    """Expose ``site`` (name, tagline, logo_url, footer_text, menu, …) to templates."""
    return {"site": SiteSettings.current()}
