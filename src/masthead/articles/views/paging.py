"""The archives' pages: a far page costs about what the first one costs.

Django's paginator asks for page n as ``… ORDER BY published_at DESC LIMIT 12 OFFSET m``,
and the database reads every story before the page to throw it away: each row whole,
from the table, with its section and picture joined. At 100,000 stories on PostgreSQL
page 1,000 of a section read 12,000 rows (375 ms against 5 ms for page 1).

``ArchivePaginator`` asks in two steps instead. The first walks only the ids, in page
order, from an index that holds everything the filter and the order need (an index-only
scan on PostgreSQL; SQLite's indexes hold the rowid anyway), and skips the rows before
the page there. The second reads the page's stories by those ids, with everything a
teaser shows. Page 1 skips nothing, so it is asked for in one step, as before; a page
past the middle skips the rows after it instead, walking from the other end. Page URLs
stay ``…/page/<n>/``, numbered from the newest story, whatever page a reader starts on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


class ArchivePaginator(Paginator):
    """Pages of ``object_list`` (ordered, bare); ``rows`` adds what the page shows.

    ``rows`` takes a queryset and returns it with its joins and prefetches, for example
    ``lambda q: q.for_listing()``; it is applied to the page's dozen stories only.
    """

    object_list: QuerySet[Any]

    def __init__(
        self, object_list: QuerySet[Any], per_page: int, *, rows: Callable[[Any], Any]
    ) -> None:
        super().__init__(object_list, per_page)
        self.rows = rows

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if bottom == 0:
            return Page(list(self.rows(self.object_list)[:top]), number, self)
        ids = self._ids(bottom, top)
        found = {story.pk: story for story in self.rows(self.object_list.filter(pk__in=ids))}
        return Page([found[pk] for pk in ids if pk in found], number, self)

    def _ids(self, bottom: int, top: int) -> list[Any]:
        """The ids of rows ``bottom`` to ``top``, skipping rows from the nearer end.

        Past the middle of a listing the rows after the page are fewer than those before
        it, so the walk starts from the oldest story, in the reverse order, and the last
        page skips nothing at all, as the first does. An archive whose index cannot serve
        the filter (a tag's or an author's stories, found through their link tables)
        sorts all of its stories either way, but skips at most half of them.
        """
        pks = self.object_list.values_list("pk", flat=True)
        if bottom <= self.count // 2:
            return list(pks[bottom:top])
        after = max(self.count - top, 0)
        return list(reversed(pks.reverse()[after : self.count - bottom]))
