"""A related set read in the same query as its owner, as one JSON array of rows.

``JSONRows(queryset, **columns)`` is an annotation: the rows ``queryset`` finds (usually
filtered on ``OuterRef("pk")``), each as a JSON object of ``columns``, gathered in one
value. ``rows(value)`` gives them back as dicts in the queryset's order::

    tags = Tag.objects.filter(articles=OuterRef("pk"))
    story = Article.objects.annotate(
        tag_rows=JSONRows(tags, id=F("id"), name=F("name"))
    ).get(pk=1)
    rows(story.tag_rows)  # [{"id": 3, "name": "Energy"}, {"id": 1, "name": "Water"}]

The order is the queryset's ``ORDER BY``, numbered in SQL by a window function and
sorted by that number in Python, so the database's collation decides it as it would for
the queryset itself; neither SQLite nor PostgreSQL promise to aggregate in the order of a
subquery.
"""

from __future__ import annotations

import json
from typing import Any

from django.db.models import QuerySet, Subquery, TextField, Window
from django.db.models.expressions import Combinable
from django.db.models.functions import JSONObject, RowNumber

RANK = "_rank"

# The subquery's rows gathered into one array; SQLite loses the JSON subtype of a
# subquery's column, so ``json()`` gives it back.
TEMPLATES = {
    "sqlite": '(SELECT json_group_array(json("row")) FROM (%(subquery)s) AS "rows")',
    "postgresql": '(SELECT json_agg("row") FROM (%(subquery)s) AS "rows")',
    "mysql": "(SELECT JSON_ARRAYAGG(`row`) FROM (%(subquery)s) AS `rows`)",
}


class JSONRows(Subquery):
    """The rows of ``queryset`` as one JSON array of objects holding ``columns``."""

    output_field = TextField()

    def __init__(self, queryset: QuerySet[Any], **columns: Combinable) -> None:
        order: Any = queryset.query.order_by or queryset.model._meta.ordering
        ranked = {**columns, RANK: Window(RowNumber(), order_by=list(order))}
        super().__init__(queryset.order_by().values(row=JSONObject(**ranked)))

    def as_sql(self, compiler: Any, connection: Any, template: str | None = None, **extra: Any):  # type: ignore[no-untyped-def]
        return super().as_sql(compiler, connection, TEMPLATES[connection.vendor], **extra)


def rows(value: Any) -> list[dict[str, Any]]:
    """The rows of a ``JSONRows`` annotation, in order, without their rank."""
    found = json.loads(value) if isinstance(value, str | bytes) else value
    ordered = sorted(found or (), key=lambda row: row[RANK])
    for row in ordered:
        del row[RANK]
    return ordered
