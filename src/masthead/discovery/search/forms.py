"""The search form: the words, the filters and the order, all as GET parameters.

Choices come from lists the view reads once (``Choices``), so rendering the selects and
checking the reader's choice cost no query of their own. A filter that does not make
sense (a section that does not exist, a date like 2026-02-30) is left out of the search
and said next to its field; the search runs with the rest.

The author list is bounded: it offers the ``Choices.most_authors`` authors with the most
published stories (in name order), so the page stays small however many bylines an
imported archive brought. Any other author is still a filter by address,
``?author=<slug>``, and is shown as chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django import forms
from django.db.models import Count, Q

from masthead.articles.models import Article, Author, Category
from masthead.core import generation
from masthead.discovery.search.query import SearchQuery, Sort

# The most prolific authors are counted again at the latest this often (seconds), and at
# once when the content changes.
AUTHORS_KEPT = 600
# Kept under this name until a story is published or withdrawn (search.receivers).
AUTHORS_CACHE_NAME = "search-authors"
SORTS = [("relevance", "Best match"), ("newest", "Newest first")]


@dataclass(frozen=True)
class Choices:
    """The sections and authors a reader can narrow a search to."""

    categories: list[Category]
    authors: list[Author]

    most_authors = 40  # the authors offered, besides the one chosen

    @classmethod
    def load(cls, *, author: str = "") -> Choices:
        """Read them: one query each, the authors' kept (one more for an author beyond the list).

        Sections come in home-page order, each with its subsections; authors are the
        most prolific ones, in name order, plus the author whose slug is ``author``.
        """
        categories = list(Category.objects.select_related("parent"))
        categories.sort(key=_section_order)
        # Counting every byline reads the whole archive (600 ms on PostgreSQL at 100,000
        # stories, on every search): the list is kept until the content changes.
        authors: list[Author] = generation.cached(
            AUTHORS_CACHE_NAME, cls._most_prolific, timeout=AUTHORS_KEPT
        )
        if author and all(a.slug != author for a in authors):
            authors += Author.objects.only("name", "slug").filter(slug=author)[:1]
        authors.sort(key=lambda a: (a.name, a.pk))
        return cls(categories=categories, authors=authors)

    @classmethod
    def _most_prolific(cls) -> list[Author]:
        published = Q(articles__status=Article.Status.PUBLISHED)
        return list(
            Author.objects.only("name", "slug")
            .annotate(stories=Count("articles", filter=published))
            .filter(stories__gt=0)
            .order_by("-stories", "pk")[: cls.most_authors]
        )

    def sections(self, slug: str) -> tuple[int, ...]:
        """The ids of the section ``slug`` and of its subsections."""
        chosen = next(c for c in self.categories if c.slug == slug)
        return (chosen.pk, *(c.pk for c in self.categories if c.parent_id == chosen.pk))


def _section_order(category: Category) -> tuple[int, str, int, int, str]:
    top = category.parent if category.parent_id and category.parent else category
    child = (category.position, category.name) if category.parent_id else (0, "")
    return (top.position, top.name, int(bool(category.parent_id)), *child)


class DateBox(forms.DateInput):
    """A date picker that shows a date it cannot read as empty (a bad value is invalid HTML)."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")

    def format_value(self, value: Any) -> str | None:
        text = super().format_value(value)
        try:
            return date.fromisoformat(text).isoformat() if text else None
        except ValueError:
            return None


class SearchForm(forms.Form):
    """``q``, ``category``, ``author``, ``from``, ``to`` and ``sort``."""

    q = forms.CharField(label="Search for", required=False, strip=True)
    category = forms.ChoiceField(label="Section", required=False)
    author = forms.ChoiceField(label="Author", required=False)
    sort = forms.ChoiceField(label="Order", required=False, choices=SORTS)

    def __init__(self, data: Any, *, choices: Choices) -> None:
        super().__init__(data, auto_id="search-%s")
        self.choices = choices
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", "All sections")] + [
            (c.slug, f"– {c.name}" if c.parent_id else c.name) for c in choices.categories
        ]
        cast(forms.ChoiceField, self.fields["author"]).choices = [("", "All authors")] + [
            (a.slug, a.name) for a in choices.authors
        ]
        # "from" is a Python keyword, so the date fields are added by name.
        self.fields["from"] = forms.DateField(label="From", required=False, widget=DateBox())
        self.fields["to"] = forms.DateField(label="To", required=False, widget=DateBox())

    def search_query(self, *, per_page: int) -> SearchQuery:
        """The search the valid parts of the form ask for (call ``is_valid()`` first)."""
        data = self.cleaned_data
        since: date | None = data.get("from")
        until: date | None = data.get("to")
        if since and until and since > until:
            since, until = until, since
        author = next((a.pk for a in self.choices.authors if a.slug == data.get("author")), None)
        sort: Sort = "newest" if data.get("sort") == "newest" else "relevance"
        return SearchQuery(
            text=data.get("q") or "",
            category_ids=self.choices.sections(data["category"]) if data.get("category") else (),
            author_id=author,
            since=since,
            until=until,
            sort=sort,
            limit=per_page,
        )

    @property
    def filtered(self) -> bool:
        """Whether a filter narrows the search (so "no results" can offer to drop them)."""
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("category", "author", "from", "to"))
