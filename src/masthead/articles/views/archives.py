"""Paginated listings: by section, tag, author and date.

Each archive is a small subclass of ``Archive`` naming how it finds its subject and
which articles belong to it; pagination, 404s and the template are shared.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.core.paginator import Page
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from masthead.articles import pagetags
from masthead.articles.models import Article, Author, Category, SiteSettings, Tag
from masthead.articles.models.article import ArticleQuerySet
from masthead.articles.views.pages import parse_day
from masthead.articles.views.paging import ArchivePaginator


class Archive(View):
    """A listing of published articles, newest first, at ``…/`` and ``…/page/<n>/``."""

    template_name = "articles/archive.html"
    kind = ""  # shown above the heading: "Section", "Tag", …

    def subject(self, **kwargs: str) -> Any:
        """The thing listed (a category, a tag, a date…); raise Http404 when there is none."""
        raise NotImplementedError

    def articles(self, subject: Any) -> Any:
        """The published articles that belong to ``subject``."""
        raise NotImplementedError

    def ordered(self, articles: ArticleQuerySet) -> ArticleQuerySet:
        """``articles`` in the listing's order: the newest first."""
        return articles.newest_first()

    def heading(self, subject: Any) -> str:
        return str(subject)

    def extra_context(self, subject: Any) -> dict[str, Any]:
        return {}

    def tags(self, subject: Any) -> list[str]:
        """What the listing is: its subject and its list (``pagetags``)."""
        return [pagetags.list_of(subject), _subject_tag(subject)]

    def get(self, request: HttpRequest, page: str | None = None, **kwargs: str) -> HttpResponseBase:
        if page == "1":
            return redirect(_without_page(request.path), permanent=True)
        subject = self.subject(**kwargs)
        listing = self.paginate(self.articles(subject), page)
        context = {
            "kind": self.kind,
            "heading": self.heading(subject),
            "subject": subject,
            "page_obj": listing,
            "articles": listing.object_list,
            "base_path": _without_page(request.path),
            **self.extra_context(subject),
        }
        pagetags.show(request, *self.tags(subject), *pagetags.teasers(listing.object_list))
        return render(request, self.template_name, context)

    def paginate(self, queryset: Any, page: str | None) -> Page:
        per_page = SiteSettings.current().per_page
        paginator = ArchivePaginator(self.ordered(queryset), per_page, rows=_for_listing)
        number = int(page) if page else 1
        if number < 1 or (number > 1 and number > paginator.num_pages):
            raise Http404("No such page.")
        return paginator.page(number) if paginator.count else paginator.page(1)


def _for_listing(articles: ArticleQuerySet) -> ArticleQuerySet:
    return articles.for_listing()


def _subject_tag(subject: Any) -> str:
    kind = {Category: pagetags.section, Tag: pagetags.tag, Author: pagetags.person}[type(subject)]
    return kind(subject.pk)


def _without_page(path: str) -> str:
    head, sep, _ = path.rpartition("/page/")
    return f"{head}/" if sep else path


class CategoryArchive(Archive):
    kind = "Section"

    def subject(self, slug: str) -> Category:  # type: ignore[override]
        return get_object_or_404(Category.objects.select_related("parent"), slug=slug)

    def articles(self, subject: Category) -> Any:
        # The section ids as values, not as a subquery: PostgreSQL then knows it reads one
        # section (or a few) and walks the section index in page order. A subsection
        # without visible stories adds none, so leaving it out changes nothing.
        sections = [subject.pk, *(child.pk for child in self.subsections(subject))]
        return Article.objects.published().filter(category_id__in=sections)

    def subsections(self, subject: Category) -> list[Category]:
        """The subsections with visible stories, asked for once per request."""
        if subject.parent_id is not None:
            return []
        if not hasattr(self, "_subsections"):
            visible = Article.objects.published().filter(category=OuterRef("pk"))
            self._subsections = list(subject.children.filter(Exists(visible)))
        return self._subsections

    def heading(self, subject: Category) -> str:
        return subject.name

    def extra_context(self, subject: Category) -> dict[str, Any]:
        return {"subsections": self.subsections(subject), "description": subject.description}


class TagArchive(Archive):
    kind = "Tag"

    def subject(self, slug: str) -> Tag:  # type: ignore[override]
        return get_object_or_404(Tag, slug=slug)

    def articles(self, subject: Tag) -> Any:
        return Article.objects.published().filter(tags=subject)


class AuthorArchive(Archive):
    kind = "Author"
    template_name = "articles/author.html"

    def subject(self, slug: str) -> Author:  # type: ignore[override]
        return get_object_or_404(Author, slug=slug)

    def articles(self, subject: Author) -> Any:
        return Article.objects.published().filter(authorships__author=subject)

    def heading(self, subject: Author) -> str:
        return subject.name


class DateRange:
    """The span of days a date archive covers, and how to name it."""

    def __init__(self, first: date, last: date, label: str):
        self.first, self.last, self.label = first, last, label

    def __str__(self) -> str:
        return self.label


class DateArchive(Archive):
    kind = "Archive"

    def tags(self, subject: DateRange) -> list[str]:
        if subject.first.year == subject.last.year and subject.first.month == subject.last.month:
            return [pagetags.month(subject.first)]
        return [pagetags.archives(subject.first)[0]]

    def articles(self, subject: DateRange) -> Any:
        return Article.objects.published().filter(pub_date__range=(subject.first, subject.last))

    def ordered(self, articles: ArticleQuerySet) -> ArticleQuerySet:
        """Newest first, by day first: the order of the day index, so a page is a seek in it.

        The day is the publication time's local date, so the order is the same.
        """
        return articles.order_by("-pub_date", "-published_at", "-pk")


class YearArchive(DateArchive):
    def subject(self, year: str) -> DateRange:  # type: ignore[override]
        y = _year(year)
        return DateRange(date(y, 1, 1), date(y, 12, 31), str(y))


class MonthArchive(DateArchive):
    def subject(self, year: str, month: str) -> DateRange:  # type: ignore[override]
        y, m = _year(year), int(month)
        if not 1 <= m <= 12:
            raise Http404("No such month.")
        last = calendar.monthrange(y, m)[1]
        return DateRange(date(y, m, 1), date(y, m, last), date(y, m, 1).strftime("%B %Y"))


class DayArchive(DateArchive):
    def subject(self, year: str, month: str, day: str) -> DateRange:  # type: ignore[override]
        d = parse_day(year, month, day)
        return DateRange(d, d, f"{d:%B} {d.day}, {d.year}")


def _year(year: str) -> int:
    y = int(year)
    if y < 1:
        raise Http404("No such year.")
    return y
