"""Template helpers for the public pages: pictures, language names, absolute URLs."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language_info

register = template.Library()


@register.inclusion_tag("articles/_picture.html")
def picture(
    image: Any, width: int = 800, sizes: str = "100vw", eager: bool = False, css: str = ""
) -> dict[str, Any]:
    """An ``<img>`` with ``srcset``, intrinsic size and lazy loading unless ``eager``."""
    if not image:
        return {"image": None}
    return {
        "image": image,
        "src": image.url_for(width),
        "srcset": image.srcset,
        "sizes": sizes,
        "width": width if image.width >= width else image.width,
        "height": image.height_at(width) if image.width >= width else image.height,
        "eager": eager,
        "css": css,
    }


@register.filter
def language_name(code: str) -> str:
    """The language's own name for itself (``zh-Hans`` → 简体中文), else the code."""
    try:
        return str(get_language_info(code.lower())["name_local"])
    except KeyError:
        base = code.split("-")[0].lower()
        try:
            return str(get_language_info(base)["name_local"])
        except KeyError:
            return code


@register.simple_tag(takes_context=True)
def absolute(context: template.Context, path: str) -> str:
    """``path`` as an absolute URL on the host the reader asked for."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


@register.filter
def iso(value: Any) -> str:
    """An aware datetime as ISO 8601 to the second, the form ``<time datetime>`` takes."""
    return value.isoformat(timespec="seconds") if value else ""
