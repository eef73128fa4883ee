"""Scaled copies of uploaded images, made once so pages can offer a ``srcset``."""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps

# The width machines ask for: Google's article images, link previews, feeds, sitemaps.
LARGE = 1200
WIDTHS = (400, 800, LARGE)
JPEG_QUALITY = 82


def image_size(name: str) -> tuple[int, int]:
    """Width and height of stored image ``name`` as shown (EXIF rotation applied)."""
    with default_storage.open(name, "rb") as fh, PILImage.open(fh) as picture:
        width, height = picture.size
        orientation = picture.getexif().get(0x0112, 1)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def make_renditions(name: str, *, widths: tuple[int, ...] = WIDTHS) -> dict[str, str]:
    """Write a JPEG copy of stored image ``name`` at each width below its own.

    Returns ``{"400": "images/…/photo-400.jpg", …}``. EXIF orientation is applied and
    every other EXIF field (camera, GPS) is dropped from the copies.
    """
    with default_storage.open(name, "rb") as fh, PILImage.open(fh) as original:
        picture = ImageOps.exif_transpose(original)
        if picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        made: dict[str, str] = {}
        stem = PurePosixPath(name)
        try:
            for width in widths:
                if width >= picture.width:
                    continue
                height = round(picture.height * width / picture.width)
                scaled = picture.resize((width, height), PILImage.Resampling.LANCZOS)
                buffer = io.BytesIO()
                scaled.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
                target = str(stem.with_name(f"{stem.stem}-{width}.jpg"))
                made[str(width)] = default_storage.save(target, ContentFile(buffer.getvalue()))
        except BaseException:
            # No room for the next one (or anything else): none is kept, as none is named.
            for stored in made.values():
                default_storage.delete(stored)
            raise
        return made
