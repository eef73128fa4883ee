"""WordPress pages become static pages at ``/<slug>/``; their old addresses redirect."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from django.db import transaction

from masthead.articles import services
from masthead.articles.models import Page
from masthead.ingest.wordpress.content import convert
from masthead.ingest.wordpress.ledger import Kind, Ledger, digest, remember_urls
from masthead.ingest.wordpress.media import Uploads
from masthead.ingest.wordpress.records import WpItem
from masthead.ingest.wordpress.report import Summary
from masthead.ingest.wordpress.taxonomy import slug_of

STATUSES = {
    "publish": Page.Status.PUBLISHED,
    "future": Page.Status.DRAFT,  # pages have no schedule: an editor publishes it
    "draft": Page.Status.DRAFT,
    "pending": Page.Status.DRAFT,
    "private": Page.Status.DRAFT,
}


@transaction.atomic
def import_page(item: WpItem, *, ledger: Ledger, summary: Summary, uploads: Uploads) -> None:
    """Create or update the static page for a page item (comments on pages are left out)."""
    if item.status not in STATUSES:
        summary.count("page", "skipped")
        summary.problem("page", item.label, item.position,
                        f"status {item.status!r} is not imported", "skipped")  # fmt: skip
        return
    row, page = ledger.target(Page, Kind.PAGE, item.wp_id)
    fingerprint = digest(item)
    if page and row and row.digest == fingerprint:
        summary.count("page", "unchanged")
        return
    outcome = "updated" if page else "created"
    page = page or Page()
    page.title = (html.unescape(re.sub(r"<[^>]*>", "", item.title)).strip() or "Untitled")[:300]
    page.slug = page.slug or slug_of(unquote(item.slug) or page.title, max_length=100)
    wanted = page.slug
    body = convert(item.content, urls=uploads.url_map(item.content, item=item),
                   gallery=uploads.gallery)  # fmt: skip
    for note in body.notes:
        summary.problem("page", item.label, item.position, note, "repaired")
    page.body, page.status = body.html, STATUSES[item.status]
    if item.password and page.status == Page.Status.PUBLISHED:
        protected = "password-protected in WordPress; imported as a draft"
        summary.problem("page", item.label, item.position, protected, "repaired")
        page.status = Page.Status.DRAFT
    services.save_page(page=page)
    if page.slug != wanted:
        taken = f"slug {wanted!r} was taken; it is now {page.slug!r}"
        summary.problem("page", item.label, item.position, taken, "repaired")
    if item.comments:
        left_out = f"{len(item.comments)} comment(s) on a page left out"
        summary.problem("page", item.label, item.position, left_out, "skipped")
    old = [f"/?page_id={item.wp_id}", item.link, item.guid]
    remember_urls(old, kind=Kind.PAGE, object_id=page.pk)
    ledger.record(Kind.PAGE, item.wp_id, object_id=page.pk, digest=fingerprint,
                  guid=item.guid[:500])  # fmt: skip
    summary.count("page", outcome)
