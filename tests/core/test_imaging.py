"""Pictures are judged from their header: memory, pixels, format and wholeness."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage

from masthead.core import imaging

MB = 1024 * 1024


def encoded(mode: str, size: tuple[int, int], fmt: str = "PNG", **options) -> io.BytesIO:
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, fmt, **options)
    buffer.seek(0)
    return buffer


def bomb() -> io.BytesIO:
    """The outsiders' file: 12,000 × 12,000 one-bit pixels in about 17 KB of PNG."""
    return encoded("1", (12_000, 12_000))


def refused(fh: io.BytesIO) -> imaging.NotAccepted:
    with pytest.raises(imaging.NotAccepted) as caught:
        imaging.inspect(fh)
    return caught.value


def test_the_cost_counts_bytes_per_pixel_of_the_mode_and_of_its_conversion():
    assert imaging.decoding_cost("1", 12_000, 12_000) == 12_000**2 * (1 + 1)
    assert imaging.decoding_cost("P", 100, 100) == 100 * 100 * (1 + 4)
    assert imaging.decoding_cost("RGB", 6000, 4000) == 6000 * 4000 * 4
    assert imaging.decoding_cost("RGBA", 10, 10, frames=3) == 10 * 10 * (4 * 3 + 4)


def test_the_seventeen_kilobyte_bomb_is_refused_from_its_header(settings):
    settings.IMAGE_MEMORY_BYTES = 256 * MB
    file = bomb()
    assert len(file.getvalue()) < 20_000
    said = refused(file)
    assert said.code == "too_much_memory"
    assert "12,000 × 12,000 pixels" in said.message
    assert "275 MB of memory" in said.message
    assert "allows 256 MB" in said.message


def test_a_picture_within_the_budget_is_described(settings):
    settings.IMAGE_MEMORY_BYTES = 256 * MB
    picture = imaging.inspect(encoded("RGB", (6000, 4000), "JPEG"))
    assert (picture.format, picture.mode, picture.shown_size) == ("JPEG", "RGB", (6000, 4000))
    assert picture.cost == 96_000_000
    assert picture.extension == "jpg"


def test_pixels_past_pillows_ceiling_are_refused_whatever_the_budget(settings, monkeypatch):
    settings.IMAGE_MEMORY_BYTES = 4096 * MB
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 1_000_000)
    said = refused(encoded("L", (1001, 1000)))
    assert said.code == "too_many_pixels"
    assert "at most 1,000,000 pixels" in said.message


def test_frames_of_an_animation_count(settings):
    settings.IMAGE_MEMORY_BYTES = 1 * MB
    frames = [PILImage.new("RGBA", (300, 300), (i, 0, 0, 255)) for i in range(5)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "PNG", save_all=True, append_images=frames[1:])
    said = refused(buffer)
    assert "in 5 frames" in said.message


def test_files_that_are_not_pictures_are_refused():
    assert refused(io.BytesIO(b"<?php echo 1; ?>")).code == "not_a_picture"
    assert refused(io.BytesIO(b"")).code == "not_a_picture"


@pytest.mark.parametrize(
    ("fmt", "named"), [("TIFF", "TIFF"), ("BMP", "BMP"), ("ICO", "ICO"), ("PDF", "PDF")]
)
def test_formats_we_do_not_serve_are_refused_by_name(fmt, named):
    said = refused(encoded("RGB", (64, 64), fmt))
    assert said.code == "format"
    assert said.message.startswith(f"{named} files are not served here")


def test_an_svg_is_refused_by_name():
    said = refused(io.BytesIO(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'))
    assert said.message.startswith("SVG files are not served here")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_a_file_cut_short_is_refused(fmt):
    whole = PILImage.effect_noise((400, 300), 60).convert("RGB")
    buffer = io.BytesIO()
    whole.save(buffer, fmt)
    cut = io.BytesIO(buffer.getvalue()[: len(buffer.getvalue()) * 2 // 3])
    said = refused(cut)
    assert said.code in ("damaged", "not_a_picture")


def test_the_file_is_left_at_its_start():
    file = encoded("RGB", (40, 30))
    file.seek(7)
    imaging.inspect(file)
    assert file.tell() == 0
