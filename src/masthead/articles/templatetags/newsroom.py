"""Template helpers for the public pages: teasers, pictures, language names, absolute URLs."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language, get_language_info

from masthead.core.fragments import Fragments

register = template.Library()

TEASER_TEMPLATE = "articles/_teaser.html"
# The teaser sizes that print a byline (see articles/_teaser.html).
WITH_BYLINE = {"lead", "card", "row"}
# A home page shows about 36 teasers, an article page 8. A teaser and its key weigh
# about 3.5 KB (measured), so the memo costs a worker 7 MB at most.
TEASERS = Fragments("teasers", size=2048)


@register.simple_tag(takes_context=True)
def teaser(
    context: template.Context,
    article: Any,
    size: str = "card",
    level: int = 3,
    show_section: bool = True,
) -> str:
    """``articles/_teaser.html`` for ``article``, made once per worker for what it shows.

    The memo's key holds every value the teaser prints (see ``teaser_key``), so an edited
    story, a renamed section or author, or a picture's new renditions make a new teaser.
    """
    options: dict[str, Any] = {"size": size, "level": level, "show_section": show_section}
    return TEASERS.get_or_make(
        teaser_key(article, page=page_settings(context), **options),
        lambda: get_template(TEASER_TEMPLATE).render({"article": article, **options}),
    )


def page_settings(context: template.Context) -> tuple[str, ...]:
    """What every teaser of a page depends on beside its story: the language and time zone
    its dates are written in, and the prefixes of its links.

    Read once per template rendered, not once per teaser: the four cost half of a
    teaser's key. No template of ours switches language or time zone part-way
    (``{% language %}``, ``{% timezone %}``); one that did would have to read them anew.
    """
    found: tuple[str, ...] | None = context.render_context.get(PAGE_SETTINGS)
    if found is None:
        found = (
            get_language(),
            get_current_timezone_name(),
            get_script_prefix(),
            settings.MEDIA_URL,
        )
        context.render_context[PAGE_SETTINGS] = found
    return found


PAGE_SETTINGS = "masthead.page_settings"


def teaser_key(
    article: Any, *, page: tuple[str, ...], size: str, level: int, show_section: bool
) -> Hashable:
    """Everything a teaser of ``article`` shows on ``page`` (``page_settings``)."""
    category, image = article.category, article.featured_image
    return (
        (size, level, show_section, page),
        (article.pk, article.slug, article.pub_date, article.published_at),
        (article.title, article.excerpt),
        category and (category.pk, category.slug, category.name),
        image and (image.pk, image.file.name, image.width, image.height, image.alt_text),
        image and tuple(sorted(image.renditions.items())),
        size in WITH_BYLINE and tuple((a.pk, a.slug, a.name) for a in article.byline),
    )


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
