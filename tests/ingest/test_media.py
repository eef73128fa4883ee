"""Pictures come from a local copy of wp-content/uploads; missing ones keep their URL."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image as PILImage

from masthead.articles.models import Article, Image
from masthead.ingest.models import ImportedItem
from tests import factories
from tests.ingest import wxr

pytestmark = pytest.mark.django_db
URL = f"{wxr.SITE}/wp-content/uploads/2019/03/cat.jpg"


@pytest.fixture
def uploads(tmp_path: Path) -> Path:
    folder = tmp_path / "uploads"
    (folder / "2019" / "03").mkdir(parents=True)
    (folder / "2019" / "03" / "cat.jpg").write_bytes(factories.png_bytes(800, 600))
    return folder


def attachment(wp_id: int = 50) -> wxr.Item:
    return wxr.Item(
        wp_id, title="A cat", post_type="attachment", status="inherit", attachment_url=URL,
        meta={"_wp_attached_file": "2019/03/cat.jpg", "_wp_attachment_image_alt": "A sleeping cat"},
    )  # fmt: skip


def post(**extra) -> wxr.Item:
    return wxr.Item(1, meta={"_thumbnail_id": "50"}, **extra)


def test_a_featured_image_listed_after_its_post_is_still_linked(run_import, uploads):
    run_import(wxr.export(*wxr.standard_header(), post(), attachment()), "--uploads", str(uploads))
    image = Article.objects.get().featured_image
    assert image is not None
    assert image.alt_text == "A sleeping cat"
    assert (image.width, image.height) == (800, 600)


def test_images_in_the_body_point_at_the_imported_file(run_import, uploads):
    sized = URL.replace("cat.jpg", "cat-300x225.jpg")
    run_import(
        wxr.export(*wxr.standard_header(), attachment(),
                   wxr.Item(1, content=f'<img src="{sized}" alt="cat">')),
        "--uploads", str(uploads),
    )  # fmt: skip
    body = Article.objects.get().body
    assert Image.objects.count() == 1
    assert Image.objects.get().file.url in body
    assert "old.example" not in body


def test_a_missing_file_keeps_its_original_url_and_is_reported(run_import, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    summary = run_import(
        wxr.export(*wxr.standard_header(), attachment(), wxr.Item(2, content=f'<img src="{URL}">')),
        "--uploads", str(empty),
    )  # fmt: skip
    assert not Image.objects.exists()
    assert URL in Article.objects.get().body
    assert ImportedItem.objects.get(kind="attachment", key="50").original_url == URL
    assert summary["counts"]["attachment"]["skipped"] == 1
    reasons = [p["reason"] for p in summary["problems"]]
    assert "2019/03/cat.jpg is not in --uploads; the original URL is kept" in reasons


def test_running_again_with_the_files_brings_the_pictures_in(run_import, uploads, tmp_path):
    data = wxr.export(*wxr.standard_header(), post(), attachment())
    run_import(data)
    assert Article.objects.get().featured_image is None
    run_import(data, "--uploads", str(uploads))
    assert Article.objects.get().featured_image is not None
    assert Image.objects.count() == 1


def test_a_path_outside_the_uploads_folder_is_never_read(run_import, uploads):
    sneaky = wxr.Item(1, content=f'<img src="{wxr.SITE}/wp-content/uploads/../secret.jpg">')
    (uploads.parent / "secret.jpg").write_bytes(factories.png_bytes(10, 10))
    run_import(wxr.export(*wxr.standard_header(), sneaky), "--uploads", str(uploads))
    assert not Image.objects.exists()


def test_a_gallery_shows_the_imported_pictures(run_import, uploads):
    run_import(
        wxr.export(*wxr.standard_header(), attachment(), wxr.Item(1, content='[gallery ids="50"]')),
        "--uploads", str(uploads),
    )  # fmt: skip
    assert (
        f'<img src="{Image.objects.get().file.url}" alt="A sleeping cat">'
        in Article.objects.get().body
    )


def test_a_bomb_in_the_uploads_is_reported_with_its_reason_and_the_import_goes_on(
    run_import, uploads
):
    buffer = io.BytesIO()
    PILImage.new("1", (12_000, 12_000)).save(buffer, "PNG")
    (uploads / "2019" / "03" / "bomb.png").write_bytes(buffer.getvalue())
    bomb = wxr.Item(
        51, title="A bomb", post_type="attachment", status="inherit",
        attachment_url=f"{wxr.SITE}/wp-content/uploads/2019/03/bomb.png",
        meta={"_wp_attached_file": "2019/03/bomb.png"},
    )  # fmt: skip
    summary = run_import(
        wxr.export(*wxr.standard_header(), bomb, attachment(), wxr.Item(2, title="After")),
        "--uploads", str(uploads),
    )  # fmt: skip
    reasons = [p["reason"] for p in summary["problems"]]
    assert any(
        r.startswith("2019/03/bomb.png was refused: This picture is 12,000 × 12,000 pixels")
        for r in reasons
    ), reasons
    counts = summary["counts"]["attachment"]
    assert (counts["skipped"], counts["created"]) == (1, 1)
    assert [i.alt_text for i in Image.objects.all()] == ["A sleeping cat"]
    assert Article.objects.get().title == "After"
    assert not any(p.name.startswith("bomb") for p in Path(settings.MEDIA_ROOT).rglob("*"))


def test_a_picture_hot_linked_from_another_site_stays_in_the_source_and_is_noted(run_import):
    src = "https://photos.example/harbour.jpg"
    summary = run_import(
        wxr.export(*wxr.standard_header(), wxr.Item(1, content=f'<img src="{src}" alt="H">'))
    )
    article = Article.objects.get()
    assert src in article.body  # kept, for `masthead images import-remote`
    assert "<img" not in article.body_html
    assert "Picture from photos.example: H" in article.body_html
    reasons = [p["reason"] for p in summary["problems"]]
    assert (
        "1 picture from other sites (photos.example) shown as links; "
        "`masthead images import-remote` brings them into the library"
    ) in reasons


def test_a_post_linking_to_a_malformed_address_is_imported(run_import):
    """An unclosed IPv6 bracket in a link (``//%0a[``) once stopped the whole import."""
    content = '<a href="javascript://%0awindow[1]">x</a> <img src="http://[::1">'
    run_import(wxr.export(*wxr.standard_header(), wxr.Item(1, content=content)))
    body = Article.objects.get().body
    assert ">x</a>" in body
    assert "javascript" not in body
