"""Preview pages are valid HTML5, as the W3C Nu checker (vnu) sees them, like public pages."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from masthead.articles.models import Article
from masthead.articles.services import previews
from masthead.core import clock
from tests import factories
from tests.site.test_html_validity import validate

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.presentation]


def test_preview_pages_have_no_html_errors(client: Any, newsroom: dict[str, Any], tmp_path: Path):
    editor = factories.person("Editor")
    common = {"category": newsroom["policy"], "tags": newsroom["tags"]}
    draft = factories.article(
        title="A draft", status=Article.Status.DRAFT, published_at=None,
        featured_image=factories.image(), **common,
    )  # fmt: skip
    scheduled = factories.article(
        title="Scheduled", published_at=clock.now() + timedelta(days=1), **common
    )
    revoked, _ = previews.create_preview_link(article=scheduled, by=editor)
    previews.revoke_preview_link(link=revoked, by=editor)
    _, url = previews.create_preview_link(article=draft, by=editor)
    client.force_login(editor)
    reviewer = Client()
    pages = {
        "staff-draft": client.get(f"/preview/{draft.pk}/"),
        "staff-scheduled": client.get(f"/preview/{scheduled.pk}/"),
        "reviewer": reviewer.get(url),
        "revoked": reviewer.get(previews.preview_link_path(revoked)),
        "invalid": reviewer.get("/preview/link/nothing-signed/"),
    }
    statuses = {name: response.status_code for name, response in pages.items()}
    assert statuses == {
        "staff-draft": 200, "staff-scheduled": 200, "reviewer": 200, "revoked": 410, "invalid": 404
    }  # fmt: skip
    errors = validate({k: r.content for k, r in pages.items()}, tmp_path)
    assert errors == [], "\n".join(
        f"{Path(e['url']).name}:{e.get('lastLine')}: {e['message']}" for e in errors
    )
