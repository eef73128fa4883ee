"""The import's memory between runs: ``ImportedItem`` rows and ``LegacyURL`` rows."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from django.db import models

from masthead.ingest.models import ImportedItem, LegacyURL

M = TypeVar("M", bound=models.Model)

Kind = ImportedItem.Kind


def digest(record: Any) -> str:
    """A fingerprint of a parsed record: equal records, equal fingerprints."""
    return hashlib.sha256(repr(record).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Ledger:
    """Lookups and writes of the bookkeeping rows for one source site."""

    site: str
    # Sections and tags met in this run, by (kind, WordPress slug): a post names a few
    # of the same few hundred terms, so each is looked up in the database once.
    terms: dict[tuple[str, str], models.Model] = field(default_factory=dict, repr=False)

    def find(self, kind: str, key: object) -> ImportedItem | None:
        """The row for ``kind`` ``key`` from this site, if an earlier run made one."""
        return ImportedItem.objects.filter(site=self.site, kind=kind, key=str(key)).first()

    def target(
        self, model: type[M], kind: str, key: object
    ) -> tuple[ImportedItem | None, M | None]:
        """The row for ``kind`` ``key`` and the ``model`` object it made, each maybe None."""
        row = self.find(kind, key)
        if row is None or row.object_id is None:
            return row, None
        return row, model._default_manager.filter(pk=row.object_id).first()

    def object_id(self, kind: str, key: object) -> int | None:
        row = self.find(kind, key)
        return row.object_id if row else None

    def record(self, kind: str, key: object, **fields: Any) -> None:
        """Create or update the row for ``kind`` ``key`` (one statement: an upsert)."""
        ImportedItem.objects.bulk_create(
            [ImportedItem(site=self.site, kind=kind, key=str(key), **fields)],
            update_conflicts=True,
            unique_fields=["site", "kind", "key"],
            update_fields=[*fields, "imported_at"],
        )

    def rows(self, kind: str, keys: Iterable[object]) -> dict[str, ImportedItem]:
        """The rows for several keys of one kind, by key, in one query."""
        wanted = [str(k) for k in keys]
        found = ImportedItem.objects.filter(site=self.site, kind=kind, key__in=wanted)
        return {row.key: row for row in found}

    def record_many(self, kind: str, object_ids: dict[int, int]) -> None:
        """Create or update the rows for several keys (``key → object id``) in one query."""
        ImportedItem.objects.bulk_create(
            [
                ImportedItem(site=self.site, kind=kind, key=str(k), object_id=pk)
                for k, pk in object_ids.items()
            ],
            update_conflicts=True,
            unique_fields=["site", "kind", "key"],
            update_fields=["object_id", "imported_at"],
        )

    def by_upload(self, upload_path: str) -> ImportedItem | None:
        """The attachment row, from any run, for a file under wp-content/uploads."""
        return (
            ImportedItem.objects.filter(
                site=self.site, kind=Kind.ATTACHMENT, upload_path=upload_path
            )
            .order_by("-object_id")
            .first()
        )


def legacy_path(url: str) -> str:
    """The decoded path of an old URL, with WordPress's query links kept (``/?p=42``)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # a malformed address, such as an unclosed IPv6 bracket: none to keep
        return ""
    path = unquote(parts.path or "/")
    if not path.startswith("/"):
        path = "/" + path
    if parts.query:
        name, _, value = parts.query.partition("=")
        if name in ("p", "page_id", "cat") and value.isdigit():
            return f"/?{name}={value}"
        return ""
    return path


def remember_urls(urls: Iterable[str], *, kind: str, object_id: int) -> None:
    """Make old addresses answer with the new home of ``kind`` ``object_id`` (one query)."""
    paths = {url if url.startswith("/?") else legacy_path(url) for url in urls}
    rows = [
        LegacyURL(path=path, kind=kind, object_id=object_id)
        for path in paths
        if path and path != "/" and len(path) <= 500
    ]
    LegacyURL.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["path"], update_fields=["kind", "object_id"]
    )


def remember_url(url_or_path: str, *, kind: str, object_id: int) -> None:
    """Make one old address answer with the new home of ``kind`` ``object_id``."""
    remember_urls([url_or_path], kind=kind, object_id=object_id)
