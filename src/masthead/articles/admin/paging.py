"""The story list's pages: counted up to a cap where counting means reading the archive.

Django's admin counts every match to number the pages. For a state or a section the
database counts from an index, in milliseconds at 100,000 stories; for a search, or for
one person's stories, it reads every story to count them: half a second and more
(docs/benchmarks.md). Those views count up to ``StoryPaginator.CAP`` and say "1,000 or
more", as search engines do, and a narrower search or filter reaches the rest.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class StoryPaginator(Paginator):
    """Django's paginator, counting at most ``CAP`` matches when ``capped``.

    The capped count reads the matches' ids, in no order and stopping one past the cap,
    from whatever index answers the filter. When they are all there (the cap not
    reached), the pages are read by those ids rather than searched for again: a search
    that matches three stories reads the archive once, not twice. A page number past
    the last shows the last page, one below 1 the first, rather than an error page.
    """

    CAP = 1000
    object_list: QuerySet[Any]

    def __init__(self, object_list: Any, per_page: int, *args: Any, capped: bool = False,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cap = self.CAP if capped else None
        self._more = False

    @cached_property
    def count(self) -> int:
        if self.cap is None:
            return super().count
        found = list(self.object_list.order_by().values_list("pk", flat=True)[: self.cap + 1])
        self._more = len(found) > self.cap
        if not self._more:
            self.object_list = self.object_list.filter(pk__in=found)
        return min(len(found), self.cap)

    @property
    def capped(self) -> bool:
        """Whether more stories match than were counted."""
        self.count  # noqa: B018 - counting is what finds out
        return self._more

    def validate_number(self, number: Any) -> int:
        try:
            return super().validate_number(number)
        except EmptyPage:
            return 1 if int(number) < 1 else max(self.num_pages, 1)
