"""The image library: uploads through ``save_image``; reading needs the view permission."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from masthead.articles.models import Image
from tests import factories
from tests.api.conftest import client_for, problem, user_with

URL = "/api/v1/images/"
pytestmark = pytest.mark.django_db


def upload(**overrides):
    data = {"file": SimpleUploadedFile("harbour.png", factories.png_bytes(), "image/png"),
            "alt_text": "Cranes at the harbour", "credit": "Photo: Desk"}  # fmt: skip
    return {**data, **overrides}


def test_uploading_makes_renditions(editor_client):
    response = editor_client.post(URL, upload(), format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    image = Image.objects.get(pk=body["id"])
    assert (body["width"], body["height"]) == (1600, 900)
    assert image.renditions
    assert "800w" in body["srcset"]
    assert body["url"].startswith("http://testserver/media/images/")


def test_a_file_that_is_not_a_picture_is_refused(editor_client):
    fake = SimpleUploadedFile("x.png", b"<?php echo 1; ?>", "image/png")
    body = problem(editor_client.post(URL, upload(file=fake), format="multipart"), 400)
    assert list(body["errors"]) == ["file"]
    assert not Image.objects.exists()


def test_alt_text_is_required(editor_client):
    body = problem(editor_client.post(URL, upload(alt_text=""), format="multipart"), 400)
    assert list(body["errors"]) == ["alt_text"]


def test_uploading_needs_add_image(reader):
    problem(reader.post(URL, upload(), format="multipart"), 401)
    viewer = client_for(user_with("articles.view_image"))
    problem(viewer.post(URL, upload(), format="multipart"), 403)


def test_the_library_is_for_users_who_may_view_images(reader, editor_client):
    image = factories.image()
    problem(reader.get(URL), 401)
    assert editor_client.get(f"{URL}{image.pk}/").json()["alt_text"] == image.alt_text
    assert [i["id"] for i in editor_client.get(URL).json()["results"]] == [image.pk]
