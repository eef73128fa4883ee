"""Attachments and pictures: files come from a local copy of ``wp-content/uploads``.

Nothing is downloaded. A picture is imported once per file, whoever meets it first: an
attachment item, a featured image or an ``<img>`` in a post. WordPress's resized copies
(``cat-300x200.jpg``) lead to their original, since Masthead makes its own sizes. A
file that is not in ``--uploads`` (or not a picture) keeps its original URL, and the
attachment row remembers that URL so a later run with the files can bring it in.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files import File
from django.db import transaction
from PIL import UnidentifiedImageError

from masthead.articles import services
from masthead.articles.models import Article, Image
from masthead.core import imaging
from masthead.core.text import plain_text
from masthead.ingest.models import ImportedItem
from masthead.ingest.wordpress.ledger import Kind, Ledger, digest
from masthead.ingest.wordpress.records import WpItem
from masthead.ingest.wordpress.report import Summary

MARK = "/wp-content/uploads/"
_SIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
_SRC = re.compile(r"""\b(?:src|href)=["']([^"']+)["']""")


def upload_path(url: str) -> str:
    """The path under ``wp-content/uploads`` that ``url`` points at, or ""."""
    try:
        path = unquote(urlsplit(html.unescape(url.strip())).path)
    except ValueError:  # a malformed address, such as an unclosed IPv6 bracket: not an upload
        return ""
    return path.split(MARK, 1)[1] if MARK in path else ""


class Uploads:
    """Pictures from the uploads folder (``root``; None when none was given)."""

    def __init__(self, root: Path | None, *, ledger: Ledger, summary: Summary):
        self.root = root.resolve() if root else None
        self.ledger = ledger
        self.summary = summary
        # Why a file in --uploads was refused as a picture, by its path there.
        self.refused: dict[str, str] = {}

    def image(self, rel: str, *, alt: str = "", caption: str = "") -> Image | None:
        """The Image for uploads file ``rel`` (or its original size), importing it once."""
        for candidate in dict.fromkeys([_SIZED.sub("", rel), rel]):
            row = self.ledger.by_upload(candidate)
            if row and row.object_id:
                return Image.objects.filter(pk=row.object_id).first()
            image = self._load(candidate, alt=alt, caption=caption)
            if image is not None:
                self.ledger.record(
                    Kind.ATTACHMENT, f"file:{candidate}", object_id=image.pk, upload_path=candidate
                )
                return image
        return None

    def _load(self, rel: str, *, alt: str, caption: str) -> Image | None:
        if self.root is None or not rel:
            return None
        path = (self.root / rel).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        try:
            with path.open("rb") as handle, transaction.atomic():
                return services.save_image(
                    file=File(handle), alt_text=(alt or path.stem)[:300],
                    caption=caption[:500], name=path.name,
                )  # fmt: skip
        except imaging.NotAccepted as refused:
            self.refused[rel] = refused.message
            return None
        except (UnidentifiedImageError, OSError, ValueError):
            return None

    def url_map(self, content: str, *, item: WpItem) -> dict[str, str]:
        """New URLs for the uploaded files ``content`` links to; the missing ones are reported."""
        found: dict[str, str] = {}
        for url in dict.fromkeys(_SRC.findall(content)):
            rel = upload_path(url)
            if not rel:
                continue
            image = self.image(rel)
            if image is not None:
                found[html.unescape(url)] = image.file.url
            else:
                self.summary.problem(
                    "post", item.label, item.position,
                    f"{rel} {self._why_not(rel)}; the original URL is kept", "repaired",
                )  # fmt: skip
        return found

    def _why_not(self, rel: str) -> str:
        refused = self.refused.get(rel) or self.refused.get(_SIZED.sub("", rel))
        return f"was refused: {refused}" if refused else "is not in --uploads"

    def gallery(self, ids: list[int]) -> list[tuple[str, str]]:
        """``(url, alt)`` of the imported attachments among ``ids``, in that order."""
        rows = ImportedItem.objects.filter(
            site=self.ledger.site, kind=Kind.ATTACHMENT, key__in=[str(i) for i in ids]
        )
        by_key = {row.key: row for row in rows}
        pictures = []
        for wp_id in ids:
            row = by_key.get(str(wp_id))
            image = (
                Image.objects.filter(pk=row.object_id).first() if row and row.object_id else None
            )
            if image is not None:
                pictures.append((image.file.url, image.alt_text))
            elif row and row.original_url:
                pictures.append((row.original_url, ""))
        return pictures

    @transaction.atomic
    def import_attachment(self, item: WpItem) -> None:
        """Bring in an attachment item's file; link posts that were waiting for it."""
        row = self.ledger.find(Kind.ATTACHMENT, item.wp_id)
        fingerprint = digest(item)
        if row and row.digest == fingerprint and (row.object_id or self.root is None):
            self.summary.count("attachment", "unchanged")
            return
        rel = item.meta.get("_wp_attached_file", "").strip() or upload_path(item.attachment_url)
        image = self.image(
            rel, alt=item.meta.get("_wp_attachment_image_alt", "") or item.title,
            caption=plain_text(item.excerpt, paragraphs=True),
        )  # fmt: skip
        self.ledger.record(
            Kind.ATTACHMENT, item.wp_id, guid=item.guid[:500], digest=fingerprint,
            object_id=image.pk if image else None, upload_path=rel,
            original_url=item.attachment_url[:500],
        )  # fmt: skip
        if image is None:
            self.summary.count("attachment", "skipped")
            why = (
                f"{rel} {self._why_not(rel)}"
                if rel in self.refused
                else ("file not in --uploads or not a picture")
            )
            self.summary.problem(
                "attachment", item.label, item.position,
                f"{why}; its original URL is kept", "skipped",
            )  # fmt: skip
            return
        self.summary.count("attachment", "updated" if row else "created")
        self._feature(item.wp_id, image)

    def _feature(self, wp_id: int, image: Image) -> None:
        waiting = ImportedItem.objects.filter(
            site=self.ledger.site, kind=Kind.POST, waiting_for=wp_id
        )
        for row in waiting:
            article = Article.objects.filter(pk=row.object_id or 0).first()
            if article is not None:
                article.featured_image = image
                services.save_article(article=article, revision=False)
            row.waiting_for = None
            row.save(update_fields=["waiting_for"])

    def featured(self, wp_id: int | None) -> Image | None:
        """The picture of attachment ``wp_id`` if it is already imported."""
        if wp_id is None:
            return None
        found = self.ledger.object_id(Kind.ATTACHMENT, wp_id)
        return Image.objects.filter(pk=found).first() if found else None
