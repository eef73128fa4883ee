"""Template tags that print a page's metadata: ``{% article_metadata article %}`` and kin.

Each tag gathers what the page's view already put in the context, asks the pure
builders in ``masthead.articles.metadata`` for a ``Head`` and prints it (``head_html``:
a few dozen tags of one shape each, cheaper made in Python than through a template on
every uncached page). URLs are made absolute from the request, like the ``absolute``
tag's.
"""

from __future__ import annotations

import html
from typing import Any

from django import template
from django.db.models import prefetch_related_objects
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from masthead.articles import metadata
from masthead.articles.metadata.parts import DEFAULT_LOGO_SIZE
from masthead.articles.models import SiteSettings
from masthead.core.links import reverse

register = template.Library()

DEFAULT_LOGO = "masthead/publisher-logo.png"


def site_of(context: template.Context) -> metadata.Site:
    """The site the page belongs to, with URLs on the host the reader asked for."""
    request = context.get("request")
    settings = context.get("site") or SiteSettings.current()
    absolute = request.build_absolute_uri if request else str
    return metadata.Site(
        name=settings.name,
        tagline=settings.tagline,
        language=settings.language or "en",
        logo_url=absolute(settings.logo_url or static(DEFAULT_LOGO)),
        logo_size=settings.logo_size if settings.logo_url else DEFAULT_LOGO_SIZE,
        search_path=reverse("discovery:search"),
        absolute=absolute,
    )


def listing_of(context: template.Context) -> metadata.Listing:
    """The archive page on show; its articles are the ones the page lists below."""
    page = context["page_obj"]
    return metadata.Listing(page.object_list, page.number, page.start_index())


@register.simple_tag(takes_context=True)
def page_metadata(context: template.Context) -> SafeString:
    """The description and cards of a page with nothing more to say (404, forms)."""
    return head_html(metadata.for_page(site_of(context)))


@register.simple_tag(takes_context=True)
def search_metadata(context: template.Context) -> SafeString:
    """The search page's description and cards; it has no canonical URL."""
    return head_html(metadata.for_search(site_of(context)))


@register.simple_tag(takes_context=True)
def home_metadata(context: template.Context) -> SafeString:
    """The front page's metadata: WebSite with its search box, and the publisher."""
    return head_html(metadata.for_home(site_of(context)))


@register.simple_tag(takes_context=True)
def article_metadata(context: template.Context, article: Any) -> SafeString:
    """An article's metadata: cards, NewsArticle and breadcrumbs."""
    # Prefetched once here, the tags are read again by the list at the foot of the
    # story without another query.
    prefetch_related_objects([article], "tags")
    head = metadata.for_article(
        site_of(context),
        article,
        tags=list(article.tags.all()),
        translations=context.get("translations") or [],
    )
    return head_html(head)


@register.simple_tag(takes_context=True)
def archive_metadata(context: template.Context) -> SafeString:
    """A section, tag or date archive's metadata: cards and a CollectionPage."""
    head = metadata.for_archive(
        site_of(context),
        context["subject"],
        heading=context["heading"],
        path=context["request"].path,
        listing=listing_of(context),
    )
    return head_html(head)


@register.simple_tag(takes_context=True)
def author_metadata(context: template.Context) -> SafeString:
    """An author page's metadata: a profile card and a ProfilePage with the Person."""
    head = metadata.for_author(
        site_of(context),
        context["subject"],
        path=context["request"].path,
        listing=listing_of(context),
    )
    return head_html(head)


def head_html(head: metadata.Head) -> SafeString:
    """``head`` as the tags in a page's ``<head>``, every value escaped."""
    parts = [f'<meta name="description" content="{_escaped(head.description)}">']
    if head.canonical:
        parts.append(f'\n<link rel="canonical" href="{_escaped(head.canonical)}">')
    parts += (
        f'\n<meta property="{_escaped(name)}" content="{_escaped(value)}">'
        for name, value in head.opengraph
    )
    parts += (
        f'\n<meta name="{_escaped(name)}" content="{_escaped(value)}">'
        for name, value in head.twitter
    )
    parts += (
        f'\n<script type="application/ld+json">{jsonld(item)}</script>' for item in head.jsonld
    )
    # Every value went through _escaped (or is JSON-LD, safe as jsonld() makes it).
    return mark_safe("".join(parts))  # noqa: S308


def _escaped(value: Any) -> str:
    """``conditional_escape`` without its lazy-string wrapper, which cost more than the
    escaping for the few dozen values of a page's head."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


@register.filter
def jsonld(data: Any) -> SafeString:
    """``data`` as JSON safe to print inside ``<script type="application/ld+json">``."""
    # serialise() escapes <, > and & as \u sequences, so nothing in the data can close
    # the script element or open markup: the text is safe as it stands.
    return mark_safe(metadata.serialise(data))  # noqa: S308
