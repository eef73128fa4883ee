"""The image library: uploads through ``save_image``; reading needs the view permission."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from masthead.articles.models import Image
from tests import factories
from tests.api.conftest import client_for, problem, user_with

URL = "/api/v1/images/"
pytestmark = pytest.mark.django_db


def upload(**overrides):
    data = {"file": SimpleUploadedFile("harbour.png", factories.png_bytes(), "image/png"),
            "alt_text": "Cranes at the harbour", "credit": "Photo: Desk"}  # fmt: skip
    return {**data, **overrides}


def test_uploading_answers_at_once_and_the_renditions_follow_after_commit(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        response = editor_client.post(URL, upload(), format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["width"], body["height"]) == (1600, 900)
    assert body["renditions_state"] == "pending"
    assert body["srcset"].endswith(" 1600w")
    assert "800w" not in body["srcset"]
    assert body["url"].startswith("http://testserver/media/images/")
    for job in after_commit:
        job()  # what the background thread does, here in this thread
    image = Image.objects.get(pk=body["id"])
    assert image.renditions_state == "ready"
    assert "800w" in editor_client.get(f"{URL}{image.pk}/").json()["srcset"]


def test_the_seventeen_kilobyte_bomb_is_a_400_problem_and_nothing_is_stored(editor_client):
    buffer = io.BytesIO()
    PILImage.new("1", (12_000, 12_000)).save(buffer, "PNG")
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue(), "image/png")
    body = problem(editor_client.post(URL, upload(file=bomb), format="multipart"), 400)
    assert "opening it would take 275 MB of memory" in body["errors"]["file"][0]
    assert not Image.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_format_we_do_not_serve_is_refused_by_name(editor_client):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30)).save(buffer, "TIFF")
    tiff = SimpleUploadedFile("scan.tiff", buffer.getvalue(), "image/tiff")
    body = problem(editor_client.post(URL, upload(file=tiff), format="multipart"), 400)
    assert body["errors"]["file"][0].startswith("TIFF files are not served here")


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
