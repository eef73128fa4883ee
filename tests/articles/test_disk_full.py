"""A full media disk during an upload: a clear answer, no row, and no file left behind."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from masthead.articles import services
from masthead.articles.models import Image
from masthead.core.storage import WholeFileStorage
from tests import factories
from tests.api.conftest import client_for, user_with
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def disk_full_after(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Let ``n`` files be written whole, then fill the disk halfway through the next."""

    def arm(n: int) -> None:
        written = [0]
        whole = WholeFileStorage._write

        def write(path: str, content: Any) -> None:
            if written[0] >= n:
                Path(path).write_bytes(b"\xff\xd8 the first half")
                raise OSError(errno.ENOSPC, "No space left on device", path)
            written[0] += 1
            whole(path, content)

        monkeypatch.setattr(WholeFileStorage, "_write", staticmethod(write))

    return arm


def stored_files(settings: Any) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_no_file_or_row_is_left_when_the_disk_fills_while_a_picture_is_stored(
    disk_full_after: Callable[[int], None], settings: Any
):
    disk_full_after(0)
    with pytest.raises(OSError, match="No") as raised:
        services.save_image(
            file=ContentFile(factories.png_bytes()), name="harbour.png", alt_text="Cranes"
        )
    assert raised.value.errno == errno.ENOSPC
    assert not Image.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("files_written", [0, 1], ids=["first", "second"])
def test_renditions_that_meet_a_full_disk_leave_no_file_and_say_so(
    disk_full_after: Callable[[int], None], settings: Any, files_written: int
):
    """Renditions are made after the answer: the picture stays, shown as its original."""
    image = services.save_image(
        file=ContentFile(factories.png_bytes()), name="harbour.png", alt_text="Cranes"
    )
    disk_full_after(files_written)
    services.make_image_renditions(image=image)
    image.refresh_from_db()
    assert (image.renditions_state, image.renditions) == (Image.Renditions.FAILED, {})
    assert image.renditions_note.startswith("No room on the media disk for them")
    assert stored_files(settings) == [Path(image.file.path)]


def test_the_back_office_shows_the_form_again_saying_the_disk_is_full(
    client: Any, disk_full_after: Callable[[int], None], settings: Any
):
    admin = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-123456")
    client.force_login(admin)
    disk_full_after(0)  # the original does not fit
    upload = SimpleUploadedFile("harbour.png", factories.png_bytes(), "image/png")
    response = client.post(
        reverse("admin:articles_image_add"),
        {"file": upload, "alt_text": "Cranes at the harbour", "caption": "", "credit": ""},
    )
    assert response.status_code == 200
    doc = soup(response)
    assert "disk is full, so nothing was saved" in text(doc.select_one(".errorlist"))
    assert doc.select_one("#id_alt_text")["value"] == "Cranes at the harbour"
    assert not Image.objects.exists()
    assert stored_files(settings) == []


def test_the_api_answers_a_507_problem_when_the_disk_is_full(
    disk_full_after: Callable[[int], None], settings: Any
):
    editor = client_for(user_with("articles.add_image", "articles.view_image"))
    disk_full_after(0)
    upload = SimpleUploadedFile("harbour.png", factories.png_bytes(), "image/png")
    response = editor.post(
        "/api/v1/images/", {"file": upload, "alt_text": "Cranes"}, format="multipart"
    )
    assert response.status_code == 507
    assert response["Content-Type"] == "application/problem+json"
    assert "nothing was saved" in response.json()["detail"]
    assert not Image.objects.exists()
    assert stored_files(settings) == []
