"""Fixtures for the discovery tests: a site written in bulk, and the rebuild command."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from masthead.articles.models import Article
from masthead.demo.generate import Cast, generate_articles
from tests import factories


@pytest.fixture
def generated(db: Any) -> list[int]:
    """About thirty generated stories, written in bulk without signals: nothing indexed."""
    cast = Cast(
        authors=(factories.AuthorFactory().pk,),
        categories=tuple(factories.CategoryFactory().pk for _ in range(3)),
        tags=tuple(factories.TagFactory().pk for _ in range(8)),
        images=(factories.image(width=40, height=30).pk,),
    )
    for _ in generate_articles(count=30, seed=3, batch_size=30, cast=cast):
        pass
    return list(Article.objects.published().order_by("pk").values_list("pk", flat=True))


def rebuild(*args: str) -> dict[str, Any]:
    """Run ``masthead related rebuild --json`` with ``args``; return what it reported."""
    out = io.StringIO()
    call_command("related", "rebuild", "--json", *args, stdout=out)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result
