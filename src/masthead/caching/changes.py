"""Which page tags a change makes stale: the mapping from a saved row to the pages it is on.

Pages carry the tags of what they show (``masthead.articles.pagetags``); this module
names, for each kind of change, the tags of every page that shows something different
afterwards, and no others. ``receivers`` calls it and purges after the commit.

A story readers can see (or could see before the change) is on its own page and teasers
(``a:<id>``) and in lists: its section's and the parent's (``ls:``), its tags' (``lt:``),
its authors' (``lp:``), its year's and month's archives, the newest stories (``latest``:
home, You missed, the site's feeds), the sitemaps and the site's comment feed (titles).
An edit that leaves its place in every list alone purges only its own tag, the sitemaps
(dates) and the comment feed; a publication, a withdrawal or a move purges the lists it
leaves and enters. A story scheduled for later purges the lists it will enter, so the
pages made from then on are kept no longer than until it goes live.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from masthead.articles import pagetags
from masthead.articles.models import Article, ArticleAuthor
from masthead.core import clock

# What moves a story within the lists (its filing, its dates, the front page's lead).
PLACE = ("category_id", "parent_id", "pub_date", "published_at", "is_lead")


@dataclass(frozen=True)
class Filing:
    """What of a story decides where readers meet it."""

    pk: int
    status: str
    published_at: datetime | None
    pub_date: date | None
    category_id: int | None
    parent_id: int | None
    is_lead: bool
    tag_ids: frozenset[int] = frozenset()
    author_ids: frozenset[int] = frozenset()

    @property
    def visible(self) -> bool:
        published = self.status == Article.Status.PUBLISHED and self.published_at is not None
        return published and self.published_at <= clock.now()  # type: ignore[operator]

    @property
    def scheduled(self) -> bool:
        published = self.status == Article.Status.PUBLISHED and self.published_at is not None
        return published and not self.visible

    def place(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in PLACE)


FIELDS = ["status", "published_at", "pub_date", "category_id", "category__parent_id", "is_lead"]


def filing_in_database(pk: int | None) -> Filing | None:
    """The story's filing as stored (three small reads), or None for a new one.

    Read before a save and again after the commit: the byline and the tags are written
    after the story's row (the byline with ``bulk_create``, which sends no signal).
    """
    return None if pk is None else filings_in_database([pk]).get(pk)


def filings_in_database(pks: Iterable[int]) -> dict[int, Filing]:
    """The filings of the stories ``pks`` as stored, by pk (three reads for them all)."""
    wanted = list(pks)
    rows = Article.objects.filter(pk__in=wanted).values_list("pk", *FIELDS)
    tag_ids: dict[int, set[int]] = {}
    through = Article.tags.through.objects.filter(article_id__in=wanted)
    for article_id, tag_id in through.values_list("article_id", "tag_id"):
        tag_ids.setdefault(article_id, set()).add(tag_id)
    author_ids: dict[int, set[int]] = {}
    bylines = ArticleAuthor.objects.filter(article_id__in=wanted)
    for article_id, author_id in bylines.values_list("article_id", "author_id"):
        author_ids.setdefault(article_id, set()).add(author_id)
    filings = {}
    for pk, status, published_at, pub_date, category_id, parent_id, is_lead in rows:
        filings[pk] = Filing(
            pk, status, published_at, pub_date, category_id, parent_id, is_lead,
            tag_ids=frozenset(tag_ids.get(pk, ())), author_ids=frozenset(author_ids.get(pk, ())),
        )  # fmt: skip
    return filings


def lists_of(filing: Filing) -> set[str]:
    """Every list a visible (or scheduled) story with ``filing`` appears in."""
    found = {pagetags.LATEST, pagetags.HOME, pagetags.SITEMAPS, pagetags.COMMENTS}
    found.update(f"ls:{pk}" for pk in (filing.category_id, filing.parent_id) if pk)
    if filing.pub_date:
        found.update(pagetags.archives(filing.pub_date))
    found.update(f"lt:{pk}" for pk in filing.tag_ids)
    found.update(f"lp:{pk}" for pk in filing.author_ids)
    return found


def article_saved(before: Filing | None, after: Filing) -> set[str]:
    """The tags a save of a story makes stale (none for a draft nobody sees)."""
    was_seen = before is not None and before.visible
    if not was_seen and not after.visible and not after.scheduled:
        # A draft, a story in review, one taken off its schedule: no page changes,
        # but a story taken off its schedule shortened pages' lives for nothing.
        return set()
    own = {pagetags.article(after.pk), pagetags.SITEMAPS, pagetags.COMMENTS}
    if was_seen and after.visible and before is not None and before.place() == after.place():
        # An edit in place: its page and teasers, the sitemap's dates, and the lists of
        # the tags and authors it gained or lost.
        own.update(f"lt:{pk}" for pk in before.tag_ids ^ after.tag_ids)
        own.update(f"lp:{pk}" for pk in before.author_ids ^ after.author_ids)
        return own
    stale = own | lists_of(after)
    if before is not None and (before.visible or before.scheduled):
        stale |= lists_of(before)
    if after.visible or after.scheduled:
        stale.add(pagetags.NOTFOUND)  # its address, or its archives', answered 404
    return stale


def article_deleted(filing: Filing) -> set[str]:
    """A story deleted outright: as withdrawn, if readers saw it."""
    if not filing.visible:
        return set()
    return {pagetags.article(filing.pk)} | lists_of(filing)


def tags_changed(article_pk: int, tag_pks: Iterable[int]) -> set[str]:
    """Tags added to or taken from a story: its page and the tags' lists."""
    if not Article.objects.published().filter(pk=article_pk).exists():
        return set()
    return {pagetags.article(article_pk), *(f"lt:{pk}" for pk in tag_pks)}


def byline_changed(article_pk: int, author_pk: int) -> set[str]:
    """An author added to, moved in or taken from a byline."""
    if not Article.objects.published().filter(pk=article_pk).exists():
        return set()
    return {pagetags.article(article_pk), f"lp:{author_pk}"}


def section_changed(section: Any) -> set[str]:
    """A section renamed, moved, added or deleted: where it is named, its list, the sitemaps.

    The parent's archive lists its subsections by name; the search form offers them all.
    """
    named = {pagetags.section(section.pk), pagetags.SITEMAPS, pagetags.SEARCH}
    named.add(f"ls:{section.pk}")
    if section.parent_id:
        named |= {pagetags.section(section.parent_id), f"ls:{section.parent_id}"}
    return named


def tag_changed(tag: Any) -> set[str]:
    return {pagetags.tag(tag.pk), f"lt:{tag.pk}", pagetags.SITEMAPS}


def author_changed(author: Any) -> set[str]:
    """An author's name or page: their bylines, their archive, the search form's choices."""
    return {pagetags.person(author.pk), f"lp:{author.pk}", pagetags.SITEMAPS, pagetags.SEARCH}


def static_page_changed(page: Any) -> set[str]:
    """A static page: itself, and the 404 its address gave before it was published."""
    return {pagetags.static_page(page.pk), pagetags.NOTFOUND, pagetags.SITEMAPS}


def comment_changed(*, article_pk: int, was_public: bool, is_public: bool) -> set[str]:
    """A comment approved, edited, withdrawn: its story's thread and the comment feeds.

    One nobody saw nor sees (pending, spam, trash) changes no page.
    """
    if not (was_public or is_public):
        return set()
    return {pagetags.comments_of(article_pk), pagetags.COMMENTS}


def articles_showing(model_field: str, pk: int) -> set[str]:
    """The visible stories whose ``model_field`` is ``pk`` (a picture, a source)."""
    found = Article.objects.published().filter(**{model_field: pk}).values_list("pk", flat=True)
    return {pagetags.article(a) for a in found}
