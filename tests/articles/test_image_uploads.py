"""Pictures: a bomb is refused at the door; renditions are made after the answer."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage

from masthead.articles.models import Image
from masthead.core import background
from tests.backoffice.forms import form_data
from tests.conftest import soup, text
from tests.factories import png_bytes

ADD = reverse("admin:articles_image_add")


def bomb_bytes() -> bytes:
    """12,000 × 12,000 one-bit pixels: about 17 KB of PNG, 288 MB to decode and convert."""
    buffer = io.BytesIO()
    PILImage.new("1", (12_000, 12_000)).save(buffer, "PNG")
    return buffer.getvalue()


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(client: Any, content: bytes, name: str = "harbour.png") -> Any:
    file = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(ADD, {"file": file, "alt_text": "Cranes at the harbour", "credit": "Desk"})


@pytest.fixture
def threaded() -> Any:
    """Jobs run on the background thread, as in the site's processes."""
    background.use_thread()
    yield
    background.wait()
    background.use_thread(False)


@pytest.mark.django_db
def test_the_bomb_is_refused_beside_the_file_field_with_the_other_fields_kept(admin_client):
    response = upload(admin_client, bomb_bytes())
    assert response.status_code == 200
    said = text(soup(response).select_one(".field-file .errorlist"))
    assert "12,000 × 12,000 pixels" in said
    assert "275 MB of memory" in said
    assert soup(response).select_one("input[name=alt_text]")["value"] == "Cranes at the harbour"
    assert not Image.objects.exists()
    assert media_files() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"GIF89a not really", "not a picture"),
        (png_bytes(400, 300)[:-200], "damaged or cut short"),
    ],
)
def test_broken_files_are_refused_beside_the_field(admin_client, content, said):
    response = upload(admin_client, content)
    assert said in text(soup(response).select_one(".field-file .errorlist"))
    assert media_files() == []


@pytest.mark.django_db(transaction=True)
def test_the_upload_answers_before_the_renditions_exist_then_they_appear(admin_client, threaded):
    gate = threading.Event()
    background.later(gate.wait, 30)  # the thread is busy until the answer has been checked
    response = upload(admin_client, png_bytes(1600, 900))
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.renditions_state == Image.Renditions.PENDING
    assert (image.width, image.height) == (1600, 900)
    assert image.srcset == f"{image.file.url} 1600w"  # pages show the original meanwhile
    assert len(media_files()) == 1
    gate.set()
    assert background.wait(30)
    image.refresh_from_db()
    assert image.renditions_state == Image.Renditions.READY
    assert sorted(image.renditions, key=int) == ["400", "800", "1200"]
    assert len(media_files()) == 4


@pytest.mark.django_db
def test_the_command_makes_the_renditions_a_stopped_process_left_undone(capsys):
    waiting = Image.objects.create(file=SimpleUploadedFile("a.png", png_bytes(900, 600)),
                                   alt_text="Waiting")  # fmt: skip
    failed = Image.objects.create(file=SimpleUploadedFile("b.png", png_bytes(900, 600)),
                                  alt_text="Failed", renditions_state="failed")  # fmt: skip
    call_command("images", "renditions")
    waiting.refresh_from_db()
    assert waiting.renditions_state == "ready"
    assert list(waiting.renditions) == ["400", "800"]
    assert Image.objects.get(pk=failed.pk).renditions_state == "failed"
    assert "Made the renditions of 1 of 1 waiting picture(s)" in capsys.readouterr().out
    call_command("images", "renditions", "--failed")
    assert Image.objects.get(pk=failed.pk).renditions_state == "ready"


@pytest.mark.django_db
def test_a_stored_bomb_is_marked_failed_with_the_reason_and_nothing_is_decoded(capsys):
    bomb = Image.objects.create(file=SimpleUploadedFile("b.png", bomb_bytes()), alt_text="Bomb")
    call_command("images", "renditions")
    bomb.refresh_from_db()
    assert bomb.renditions_state == "failed"
    assert "275 MB of memory" in bomb.renditions_note
    assert "275 MB of memory" in capsys.readouterr().err


@pytest.mark.django_db
def test_a_turned_photo_gets_upright_renditions():
    buffer = io.BytesIO()
    exif = PILImage.Exif()
    exif[0x0112] = 6  # stored sideways: shown turned a quarter
    PILImage.new("RGB", (1600, 900), "#336699").save(buffer, "JPEG", exif=exif)
    image = Image.objects.create(file=SimpleUploadedFile("t.jpg", buffer.getvalue()), alt_text="T")
    call_command("images", "renditions")
    image.refresh_from_db()
    with PILImage.open(Path(settings.MEDIA_ROOT) / image.renditions["800"]) as copy:
        assert copy.size == (800, 1422)
        assert not copy.getexif()


@pytest.mark.django_db
def test_the_logo_and_avatars_are_judged_like_every_picture(admin_client):
    from masthead.articles.models import SiteSettings

    admin_client.get(reverse("admin:articles_sitesettings_changelist"))  # makes the one row
    url = reverse("admin:articles_sitesettings_change", args=[SiteSettings.objects.get().pk])
    data = {**form_data(admin_client.get(url), "sitesettings_form"), "name": "The Gazette"}
    data["logo"] = SimpleUploadedFile("logo.png", bomb_bytes(), content_type="image/png")
    response = admin_client.post(url, data)
    assert "275 MB of memory" in text(soup(response).select_one(".field-logo .errorlist"))
    assert soup(response).select_one("input[name=name]")["value"] == "The Gazette"
    assert media_files() == []
