"""Back-office forms answer an oversized field beside it, text kept; a huge post hears 413."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from masthead.articles.models import Article, Image
from tests.backoffice.forms import form_data
from tests.conftest import soup, text
from tests.factories import png_bytes

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_article_add")
MB = 1024 * 1024


def post_article(admin_client: Any, **fields: str) -> Any:
    data = {**form_data(admin_client.get(ADD)), "status": "draft", **fields}
    return admin_client.post(ADD, data)


def message_beside(response: Any, name: str) -> str:
    return text(soup(response).select_one(f".field-{name} .errorlist"))


def test_a_five_megabyte_headline_is_answered_beside_the_field_with_the_text_kept(admin_client):
    headline = "h" * (5 * MB)
    response = post_article(admin_client, title=headline)
    assert response.status_code == 200
    assert "at most 300 characters" in message_beside(response, "title")
    assert soup(response).select_one("input[name=title]")["value"] == headline
    assert not Article.objects.exists()


def test_a_three_megabyte_body_is_answered_beside_the_field_with_the_text_kept(admin_client):
    body = "word " * (3 * MB // 5)
    response = post_article(admin_client, title="Fine", body=body)
    assert response.status_code == 200
    said = message_beside(response, "body")
    assert f"at most 1000000 characters; this one has {len(body.strip())}" in said
    assert soup(response).select_one("textarea[name=body]").get_text().strip() == body.strip()


def test_a_picture_over_twenty_megabytes_is_refused_beside_the_file_field(admin_client):
    """A real PNG padded past 20 MB is refused with its size named; nothing is stored."""
    padded = png_bytes(40, 30) + b"\0" * (21 * MB)
    upload = SimpleUploadedFile("huge.png", padded, content_type="image/png")
    response = admin_client.post(
        reverse("admin:articles_image_add"), {"file": upload, "alt_text": "A harbour"}
    )
    assert response.status_code == 200
    assert "at most 20 MB; this file has 21.0 MB" in message_beside(response, "file")
    assert soup(response).select_one("input[name=alt_text]")["value"] == "A harbour"
    assert not Image.objects.exists()


def test_a_forty_megabyte_post_gets_an_explained_413_page(admin_client):
    response = post_article(admin_client, title="Fine", body="x" * (40 * MB))
    assert response.status_code == 413
    assert "too large" in text(soup(response).select_one("h1")).lower()
