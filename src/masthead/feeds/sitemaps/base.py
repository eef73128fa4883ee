"""The shape every sitemap section shares: Django's ``Sitemap`` plus images and page dates.

A section is a ``Section`` subclass naming its items and their dates; Django's
``Sitemap`` does the rest (locations, pagination, the ``?p=`` page parameter). This
base adds what Django's lacks:

* ``images(item)``: picture URLs for Google's image extension (``<image:image>``);
* ``page_lastmods()``: the newest date on each page, so the index can give every page
  its own ``<lastmod>`` and crawlers fetch again only the pages that changed;
* no empty page 1: a section without items answers 404 (and is left out of the index),
  since a ``<urlset>`` must hold at least one ``<url>``.

    class FrontSitemap(Section):
        def items(self):
            return ["articles:home"]

        def location(self, item):
            return reverse(item)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator

# Below the protocol's ceiling of 50,000 URLs a file: a 10,000-URL page renders in a
# fraction of the time (measured in docs/crawlers.md) and stays far below 50 MB.
PAGE_SIZE = 10_000


class Section(Sitemap):
    """One sitemap section, split into pages of ``limit`` URLs."""

    limit = PAGE_SIZE
    # A ``<urlset>`` must hold at least one ``<url>``: an empty section answers 404.
    allow_empty_first_page = False

    @property
    def paginator(self) -> Paginator:
        return Paginator(
            self.items(), self.limit, allow_empty_first_page=self.allow_empty_first_page
        )

    def items(self) -> Any:
        """What the section lists, in a stable order: a list or an ordered queryset."""
        return []

    def lastmod(self, item: Any) -> datetime | None:
        """When ``item`` last changed, if known."""
        return None

    def images(self, item: Any) -> Sequence[str]:
        """URLs (absolute, or relative to the site) of the pictures shown with ``item``."""
        return ()

    def lastmods(self) -> Iterable[datetime | None]:
        """Every item's last change, in the items' order; override to read it cheaply."""
        return (self.lastmod(item) for item in self.items())

    def page_lastmods(self) -> list[datetime | None]:
        """The newest last change on each page, one entry per page (none when empty)."""
        dates = list(self.lastmods())
        return [
            max((d for d in dates[start : start + self.limit] if d is not None), default=None)
            for start in range(0, len(dates), self.limit)
        ]

    def get_urls(self, page: Any = 1, site: Any = None, protocol: Any = None) -> list[dict]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        root = f"{self.get_protocol(protocol)}://{self.get_domain(site)}/"
        for url in urls:
            url["images"] = [urljoin(root, src) for src in self.images(url["item"])]
        return urls


def whole_seconds(moment: datetime | None) -> datetime | None:
    """``moment`` without its microseconds: W3C dates in sitemaps read better without."""
    return moment.replace(microsecond=0) if moment else None
