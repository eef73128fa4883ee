"""Authors, categories and tags from a WordPress export, through the articles services.

Each function returns the Masthead row for the WordPress one, creating it the first
time. A row with the same slug that the import did not make (a section the newsroom
already has, say) is reused, not duplicated.
"""

from __future__ import annotations

import html
from urllib.parse import unquote

from django.db import transaction

from masthead.articles import services
from masthead.articles.models import Author, Category, Tag
from masthead.core.slugs import make_slug
from masthead.ingest.wordpress.ledger import Kind, Ledger, digest, remember_url
from masthead.ingest.wordpress.records import Position, WpAuthor, WpTerm
from masthead.ingest.wordpress.report import Summary

UNCATEGORIZED = "uncategorized"


def slug_of(text: str, max_length: int = 80) -> str:
    """A Masthead slug for a WordPress slug (which may be percent-encoded Unicode)."""
    return make_slug(unquote(text), max_length=max_length)


@transaction.atomic
def import_author(record: WpAuthor, *, ledger: Ledger, summary: Summary) -> Author:
    """The Author for a ``<wp:author>``: a byline only, never a login account."""
    row, author = ledger.target(Author, Kind.AUTHOR, record.login)
    fingerprint = digest(record)
    if author and row and row.digest == fingerprint:
        summary.count("author", "unchanged")
        return author
    outcome = "updated" if author else "created"
    if author is None:
        slug = slug_of(record.login)
        author = Author.objects.filter(slug=slug).first() or Author(slug=slug)
    author.name = html.unescape(record.display_name)[:120]
    services.save_author(author=author)
    ledger.record(Kind.AUTHOR, record.login, object_id=author.pk, digest=fingerprint)
    summary.count("author", outcome)
    return author


def author_for(login: str, *, ledger: Ledger, summary: Summary, label: str) -> Author | None:
    """The Author with WordPress login ``login``; made from the login when not exported."""
    if not login:
        return None
    known = ledger.terms.get((Kind.AUTHOR, login))
    if isinstance(known, Author):
        return known
    found = ledger.object_id(Kind.AUTHOR, login)
    author = Author.objects.filter(pk=found).first() if found else None
    if author is None:
        summary.problem(
            "author", login, None, f"not in the export's author list (used by «{label}»); "
            "made from the login", "repaired",
        )  # fmt: skip
        author = import_author(
            WpAuthor(login, login, "", "", "", None, position=_nowhere()),
            ledger=ledger, summary=summary,
        )  # fmt: skip
    ledger.terms[(Kind.AUTHOR, login)] = author
    return author


@transaction.atomic
def import_category(
    record: WpTerm, *, ledger: Ledger, summary: Summary, paths: dict[str, str]
) -> Category:
    """The section for a category; deeper levels join their top-level ancestor.

    ``paths`` maps each category slug seen to its WordPress path (``news/world/europe``),
    so the old ``/category/…/`` address of a deep category can be kept.
    """
    paths[record.slug] = (
        f"{paths.get(record.parent_slug, record.parent_slug)}/{record.slug}"
        if record.parent_slug
        else record.slug
    )
    row, category = ledger.target(Category, Kind.CATEGORY, record.slug)
    fingerprint = digest(record)
    if category and row and row.digest == fingerprint:
        summary.count("category", "unchanged")
        return category
    parent = _parent_section(record, ledger=ledger, summary=summary)
    outcome = "updated" if category else "created"
    if category is None:
        slug = slug_of(record.slug)
        category = Category.objects.filter(slug=slug).first() or Category(slug=slug)
    category.name = html.unescape(record.name)[:80]
    category.description = record.description
    if parent is not None and category.pk and category.children.exists():
        parent = None  # it has subsections of its own, so it stays top-level
    category.parent = parent
    services.save_category(category=category)
    ledger.record(Kind.CATEGORY, record.slug, object_id=category.pk, digest=fingerprint)
    if record.wp_id:
        remember_url(f"/?cat={record.wp_id}", kind=Kind.CATEGORY, object_id=category.pk)
    remember_url(f"/category/{paths[record.slug]}/", kind=Kind.CATEGORY, object_id=category.pk)
    summary.count("category", outcome)
    return category


def _parent_section(record: WpTerm, *, ledger: Ledger, summary: Summary) -> Category | None:
    if not record.parent_slug:
        return None
    found = ledger.object_id(Kind.CATEGORY, record.parent_slug)
    parent = Category.objects.filter(pk=found).select_related("parent").first() if found else None
    if parent is None:
        summary.problem(
            "category", record.name, record.position,
            f"parent {record.parent_slug!r} is not in the export; made top-level", "repaired",
        )  # fmt: skip
        return None
    if parent.parent_id is not None:
        summary.problem(
            "category", record.name, record.position,
            f"nested deeper than one level; filed under {parent.top.name!r}", "repaired",
        )  # fmt: skip
    return parent.top


def category_for(
    slug: str, name: str, *, ledger: Ledger, summary: Summary, paths: dict[str, str]
) -> Category:
    """The section for a post's category, made on the spot if the header lacked it."""
    known = ledger.terms.get((Kind.CATEGORY, slug))
    if isinstance(known, Category):
        return known
    found = ledger.object_id(Kind.CATEGORY, slug)
    category = Category.objects.filter(pk=found).first() if found else None
    if category is None:
        term = WpTerm("category", slug, name or slug, "", "", None, _nowhere())
        category = import_category(term, ledger=ledger, summary=summary, paths=paths)
    ledger.terms[(Kind.CATEGORY, slug)] = category
    return category


def tag_for(slug: str, name: str, *, ledger: Ledger, summary: Summary) -> Tag:
    """The tag for a post's tag, made the first time it is met."""
    known = ledger.terms.get((Kind.TAG, slug))
    if isinstance(known, Tag):
        return known
    found = ledger.object_id(Kind.TAG, slug)
    tag = Tag.objects.filter(pk=found).first() if found else None
    if tag is None:
        tag_slug = slug_of(slug or name)
        tag = Tag.objects.filter(slug=tag_slug).first()
        if tag is None:
            tag = services.save_tag(tag=Tag(slug=tag_slug, name=html.unescape(name or slug)[:80]))
            summary.count("tag", "created")
        ledger.record(Kind.TAG, slug, object_id=tag.pk)
    ledger.terms[(Kind.TAG, slug)] = tag
    return tag


def import_tag(record: WpTerm, *, ledger: Ledger, summary: Summary) -> Tag:
    """The tag for a ``<wp:tag>``."""
    if ledger.find(Kind.TAG, record.slug):
        summary.count("tag", "unchanged")
    return tag_for(record.slug, record.name, ledger=ledger, summary=summary)


def _nowhere() -> Position:
    return Position(0, 0)
