"""Cursor pagination over a (key, id) pair: stable while rows arrive, constant cost per page.

A page is asked for with ``?cursor=`` (from the previous page's ``next``) and
``?page_size=``. The cursor is the (key, id) of the last row shown, so the next page is
"rows after that pair" in the listing's order: one indexed query, however deep the
page, and rows added before the cursor (newer stories) never shift what follows.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.db.models import Model, Q, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def aware_datetime(text: str) -> datetime:
    """The aware datetime written as ISO 8601 ``text`` (a ``ValueError`` if naive or bad)."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(text)
    return value


def encode(value: Any, pk: int) -> str:
    """The opaque cursor for the position (``value``, ``pk``)."""
    raw = json.dumps([_plain(value), pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, parse: Callable[[str], Any]) -> tuple[Any, int]:
    """The position in ``cursor``; a ``ValidationError`` naming ``cursor`` if it is not one."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, pk = json.loads(raw)
        if not isinstance(value, str) or type(pk) is not int or not 0 < pk < 2**63:
            raise ValueError(cursor)
        return parse(value), pk
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, OverflowError):
        raise ValidationError({"cursor": ["Not a cursor from this listing."]}) from None


class KeysetPagination(BasePagination):
    """Pages of a listing ordered by ``key`` (a field or annotation), then by id.

    Subclasses name the ``key``, its ``parse`` (string to value) and the direction.
    """

    key = "published_at"
    parse: Callable[[str], Any] = staticmethod(aware_datetime)
    descending = True

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: Any = None
    ) -> list[Any]:
        self.request = request
        size = self.page_size(request)
        sign = "-" if self.descending else ""
        rows = queryset.order_by(f"{sign}{self.key}", f"{sign}pk")
        cursor = request.query_params.get("cursor")
        if cursor:
            value, pk = decode(cursor, self.parse)
            after = "lt" if self.descending else "gt"
            rows = rows.filter(
                Q(**{f"{self.key}__{after}": value}) | Q(**{self.key: value, f"pk__{after}": pk})
            )
        page = list(rows[: size + 1])
        self.next_row: Model | None = page[size - 1] if len(page) > size else None
        return page[:size]

    def page_size(self, request: Request) -> int:
        text = request.query_params.get("page_size")
        if text is None:
            return DEFAULT_PAGE_SIZE
        if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_PAGE_SIZE):
            raise ValidationError({"page_size": [f"A whole number from 1 to {MAX_PAGE_SIZE}."]})
        return int(text)

    def get_next_link(self) -> str | None:
        if self.next_row is None:
            return None
        cursor = encode(getattr(self.next_row, self.key), self.next_row.pk)
        return replace_query_param(self.request.build_absolute_uri(), "cursor", cursor)

    def get_paginated_response(self, data: Sequence[Any]) -> Response:
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": ["string", "null"],
                    "format": "uri",
                    "description": "The next page, or null on the last one.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "Where the page starts: the cursor in the previous page's `next`.",
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"Rows per page, {DEFAULT_PAGE_SIZE} unless given.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]


class NewestFirst(KeysetPagination):
    """Articles: newest first, by the ``position`` annotation (see ``resources.articles``)."""

    key = "position"


class CreatedNewestFirst(KeysetPagination):
    """Images, and the moderation queue: newest first."""

    key = "created_at"


class CreatedOldestFirst(KeysetPagination):
    """Comments in reading order: oldest first."""

    key = "created_at"
    descending = False


class ByName(KeysetPagination):
    """Sections, tags and authors: alphabetical."""

    key = "name"
    parse = staticmethod(str)
    descending = False
