"""Turn parsed WordPress records into Masthead content, through the apps' services.

``WordPressImport.handle(record)`` takes the parser's records in file order. Each post
is written with its byline, tags, pictures, comments, old addresses and bookkeeping row
in one transaction, so an interrupted import never leaves half a post, and the next
run skips what is already there (the bookkeeping row holds a fingerprint of the
record: an unchanged record is not written again, a changed one is updated).

Posts go through ``save_article``, as when an editor publishes; the search entries and
related lists of a batch's published posts are written together at the end of the
batch, in its transaction (``batches``), unless ``--bulk`` leaves them to the rebuilds.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from django.db import transaction
from django.utils import timezone

from masthead.articles import revisions, services
from masthead.articles.models import Article, Author, Category, Revision, Tag
from masthead.comments.moderation import Moderator
from masthead.core.sanitize import outside_pictures
from masthead.core.text import plain_text
from masthead.ingest.models import ImportedItem
from masthead.ingest.wordpress import taxonomy
from masthead.ingest.wordpress.content import convert
from masthead.ingest.wordpress.dates import first_date
from masthead.ingest.wordpress.ledger import Kind, Ledger, digest, remember_urls
from masthead.ingest.wordpress.media import Uploads, upload_path
from masthead.ingest.wordpress.pages import import_page
from masthead.ingest.wordpress.records import Channel, Record, Skipped, WpAuthor, WpItem, WpTerm
from masthead.ingest.wordpress.report import Summary
from masthead.ingest.wordpress.threads import import_comments

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # published with a later date: scheduled
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.REVIEW,
    "private": Article.Status.DRAFT,
    "trash": Article.Status.TRASH,
}
IGNORED_STATUSES = {"auto-draft", "inherit"}


@dataclass
class WordPressImport:
    """One run of an import: feed it records with ``handle``."""

    uploads_dir: Path | None = None
    summary: Summary = field(default_factory=Summary)
    site: str = ""
    # Category slug → its WordPress path (``news/world``); a few hundred entries at most.
    paths: dict[str, str] = field(default_factory=dict)
    ledger: Ledger = field(init=False)
    uploads: Uploads = field(init=False)
    # Revisions of the posts created in this batch, written together by ``flush``.
    revisions: list[Revision] = field(default_factory=list, repr=False)
    _max_depth: int | None = field(default=None, repr=False)

    @property
    def max_depth(self) -> int:
        """The site's reply levels, read once per run."""
        if self._max_depth is None:
            self._max_depth = Moderator.current().max_depth
        return self._max_depth

    def handle(self, record: Record) -> None:
        """Import one record (see the module docstring)."""
        if isinstance(record, Channel):
            self.site = (record.base_site_url or record.base_blog_url or record.link)[:300]
            self.ledger = Ledger(self.site)
            self.uploads = Uploads(self.uploads_dir, ledger=self.ledger, summary=self.summary)
        elif isinstance(record, Skipped):
            self.summary.count(record.what, "skipped")
            self.summary.problem(record.what, record.label, record.position, record.reason,
                                 "skipped")  # fmt: skip
        elif isinstance(record, WpAuthor):
            taxonomy.import_author(record, ledger=self.ledger, summary=self.summary)
        elif isinstance(record, WpTerm):
            self._term(record)
        else:
            self.summary.items += 1
            self._item(record)

    def held_chars(self) -> int:
        """How much text the revisions kept for ``flush`` hold."""
        return sum(len(r.body) + len(r.dek) + len(r.title) for r in self.revisions)

    def flush(self) -> None:
        """Write what was kept for the end of the batch (call inside its transaction).

        A post rolled back to its savepoint (a second Ctrl-C) leaves no article behind,
        and its revision is dropped with it.
        """
        made, self.revisions = self.revisions, []
        alive = set(
            Article.objects.filter(pk__in=[r.article_id for r in made]).values_list("pk", flat=True)
        ) if made else set()  # fmt: skip
        revisions.store_snapshots([r for r in made if r.article_id in alive])

    def finish(self) -> None:
        """Report posts whose featured image never arrived (call after the last record)."""
        if not self.site:
            return
        waiting = ImportedItem.objects.filter(
            site=self.site, kind=Kind.POST, waiting_for__isnull=False
        )
        for row in waiting.iterator():
            self.summary.problem(
                "post", f"post {row.key}", None,
                f"featured image {row.waiting_for} is not in the export (or not a picture)",
                "repaired",
            )  # fmt: skip

    def _term(self, record: WpTerm) -> None:
        if record.taxonomy == "category":
            taxonomy.import_category(
                record, ledger=self.ledger, summary=self.summary, paths=self.paths
            )
        else:
            taxonomy.import_tag(record, ledger=self.ledger, summary=self.summary)

    def _item(self, item: WpItem) -> None:
        for note in item.notes:
            self.summary.problem("post", item.label, item.position, note, "repaired")
        if item.post_type == "attachment":
            self.uploads.import_attachment(item)
        elif item.post_type == "page":
            import_page(item, ledger=self.ledger, summary=self.summary, uploads=self.uploads)
        elif item.post_type != "post":
            self._skip(item, item.post_type, f"post type {item.post_type!r} is not imported")
        elif item.status in IGNORED_STATUSES or item.status not in STATUSES:
            self._skip(item, "post", f"status {item.status!r} is not imported")
        else:
            import_post(item, job=self)

    def _skip(self, item: WpItem, kind: str, reason: str) -> None:
        self.summary.count(kind, "skipped")
        self.summary.problem(kind, item.label, item.position, reason, "skipped")


@transaction.atomic
def import_post(item: WpItem, *, job: WordPressImport) -> Article | None:
    """Create or update the article for a post item, with everything that hangs on it."""
    ledger, summary = job.ledger, job.summary
    row, article = ledger.target(Article, Kind.POST, item.wp_id)
    fingerprint = digest(item)
    if article and row and row.digest == fingerprint:
        summary.count("post", "unchanged")
        for _ in item.comments:
            summary.count("comment", "unchanged")
        return article
    outcome = "updated" if article else "created"
    article = article or Article()
    _fill(article, item, job)
    wanted_slug = article.slug
    authors, tags = _byline(item, job), _tags(item, job)
    services.save_article(
        article=article, authors=authors, tags=tags, revision=outcome == "updated"
    )
    if outcome == "created":  # written with the batch's other new posts' (``flush``)
        made = revisions.snapshot(article=article, save=False, tags=tags, authors=authors)
        job.revisions.append(made)
    if article.slug != wanted_slug:
        summary.problem(
            "post", item.label, item.position,
            f"slug {wanted_slug!r} was taken that day; it is now {article.slug!r}", "repaired",
        )  # fmt: skip
    featured = job.uploads.featured(item.thumbnail_id)
    waiting = item.thumbnail_id if item.thumbnail_id and featured is None else None
    if featured is not None and article.featured_image_id != featured.pk:
        article.featured_image = featured
        services.save_article(article=article, revision=False)
    import_comments(item, article, ledger=ledger, summary=summary, max_depth=job.max_depth)
    remember_urls([f"/?p={item.wp_id}", item.link, item.guid], kind=Kind.POST, object_id=article.pk)
    ledger.record(
        Kind.POST, item.wp_id, object_id=article.pk, digest=fingerprint,
        guid=item.guid[:500], waiting_for=waiting,
    )  # fmt: skip
    summary.count("post", outcome)
    return article


def _fill(article: Article, item: WpItem, job: WordPressImport) -> None:
    """Set the article's own fields from the item (no save)."""
    summary = job.summary
    title = html.unescape(re.sub(r"<[^>]*>", "", item.title)).strip()
    if not title:
        summary.problem("post", item.label, item.position, "no title; called Untitled", "repaired")
    article.title = (title or "Untitled")[:300]
    article.slug = taxonomy.slug_of(unquote(item.slug) or title, max_length=100)
    body = convert(
        item.content, urls=job.uploads.url_map(item.content, item=item),
        gallery=job.uploads.gallery,
    )  # fmt: skip
    for note in body.notes:
        summary.problem("post", item.label, item.position, note, "repaired")
    _note_outside_pictures(body.html, item, summary)
    article.body = body.html
    article.dek = plain_text(item.excerpt, paragraphs=True)[:600]
    article.category = _section(item, job)
    article.comments_open = item.comment_status == "open"
    _date_and_status(article, item, summary)


def _note_outside_pictures(body: str, item: WpItem, summary: Summary) -> None:
    """Name the pictures hot-linked from other sites: pages show them as links."""
    hosts = [host for src, _, host in outside_pictures(body) if not upload_path(src)]
    if hosts:
        summary.problem(
            "post", item.label, item.position,
            f"{len(hosts)} picture{'s' * (len(hosts) != 1)} from other sites "
            f"({', '.join(dict.fromkeys(hosts))}) shown as links; `masthead images "
            "import-remote` brings them into the library", "repaired",
        )  # fmt: skip


def _date_and_status(article: Article, item: WpItem, summary: Summary) -> None:
    """Map the status; a post that cannot be published safely becomes a draft, noted."""
    article.status = STATUSES[item.status]
    when = first_date(item.date_gmt, item.date, item.pub_date, timezone.get_current_timezone())
    # Masthead has no passwords: publishing would show everyone what was protected.
    if item.password:
        problem = "password-protected in WordPress; imported as a draft"
    else:
        problem = "" if when else "no valid date; imported as a draft"
    if problem and article.status == Article.Status.PUBLISHED:
        summary.problem("post", item.label, item.position, problem, "repaired")
        article.status = Article.Status.DRAFT
    article.published_at = when if article.status == Article.Status.PUBLISHED else None
    if when is not None:
        article.created_at = when


def _section(item: WpItem, job: WordPressImport) -> Category:
    """The post's first category is its section (the others become tags)."""
    for domain, slug, name in item.terms:
        if domain == "category" and (slug or name):
            return taxonomy.category_for(
                slug or taxonomy.slug_of(name), name, ledger=job.ledger,
                summary=job.summary, paths=job.paths,
            )  # fmt: skip
    return taxonomy.category_for(
        taxonomy.UNCATEGORIZED, "Uncategorized", ledger=job.ledger, summary=job.summary,
        paths=job.paths,
    )  # fmt: skip


def _tags(item: WpItem, job: WordPressImport) -> list[Tag]:
    """The post's tags, and its second and later categories as tags."""
    categories = [t for t in item.terms if t[0] == "category"]
    wanted = [t for t in item.terms if t[0] == "post_tag"] + categories[1:]
    return list(
        dict.fromkeys(
            taxonomy.tag_for(
                slug or taxonomy.slug_of(name), name, ledger=job.ledger, summary=job.summary
            )
            for _, slug, name in wanted
            if slug or name
        )
    )


def _byline(item: WpItem, job: WordPressImport) -> list[Author]:
    author = taxonomy.author_for(
        item.creator, ledger=job.ledger, summary=job.summary, label=item.label
    )
    return [author] if author else []
