"""Scaled copies of uploaded images, made once so pages can offer a ``srcset``.

They are made off the request, one at a time per process (``core.background``), and
cheaply: a JPEG is decoded at the smallest scale its decoder offers that still covers
the largest rendition, each copy is scaled from the next larger one, and the EXIF turn
is applied to the small copies, not to the full-size picture.
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from masthead.core import imaging

# The width machines ask for: Google's article images, link previews, feeds, sitemaps.
LARGE = 1200
WIDTHS = (400, 800, LARGE)
JPEG_QUALITY = 82
# EXIF orientation: the turn that shows the picture upright.
TURNS = {
    2: PILImage.Transpose.FLIP_LEFT_RIGHT, 3: PILImage.Transpose.ROTATE_180,
    4: PILImage.Transpose.FLIP_TOP_BOTTOM, 5: PILImage.Transpose.TRANSPOSE,
    6: PILImage.Transpose.ROTATE_270, 7: PILImage.Transpose.TRANSVERSE,
    8: PILImage.Transpose.ROTATE_90,
}  # fmt: skip


def inspect_stored(name: str) -> imaging.Picture:
    """Judge stored image ``name`` (``core.imaging.inspect``); raises ``NotAccepted``."""
    with default_storage.open(name, "rb") as fh:
        return imaging.inspect(fh)


def image_size(name: str) -> tuple[int, int]:
    """Width and height of stored image ``name`` as shown (EXIF rotation applied)."""
    return inspect_stored(name).shown_size


def rendition_name(name: str, width: int) -> str:
    """The storage name of the ``width`` rendition of image ``name``."""
    stem = PurePosixPath(name)
    return str(stem.with_name(f"{stem.stem}-{width}.jpg"))


def make_renditions(name: str, *, widths: tuple[int, ...] = WIDTHS) -> dict[str, str]:
    """Write a JPEG copy of stored image ``name`` at each width below its own.

    Returns ``{"400": "images/…/photo-400.jpg", …}``. EXIF orientation is applied and
    every other EXIF field (camera, GPS) is dropped from the copies. The picture is
    judged against the memory budget first (``NotAccepted`` if over it).
    """
    found = inspect_stored(name)
    shown_w, shown_h = found.shown_size
    wanted = sorted((w for w in widths if w < shown_w), reverse=True)
    if not wanted:
        return {}
    turned = found.orientation in (5, 6, 7, 8)
    made: dict[str, str] = {}
    with default_storage.open(name, "rb") as fh, imaging.open_picture(fh) as original:
        source = _decoded(original, found, wanted[0], shown_w, shown_h)
        try:
            for width in wanted:
                height = max(1, round(shown_h * width / shown_w))
                source = source.resize(
                    (height, width) if turned else (width, height),
                    PILImage.Resampling.LANCZOS, reducing_gap=3.0,
                )  # fmt: skip
                made[str(width)] = _store(_upright(source, found.orientation), name, width)
        except BaseException:
            # No room for the next one (or anything else): none is kept, as none is named.
            delete_renditions(made)
            raise
    return dict(sorted(made.items(), key=lambda kv: int(kv[0])))


def _decoded(
    original: PILImage.Image, found: imaging.Picture, largest: int, shown_w: int, shown_h: int
) -> PILImage.Image:
    """The first frame, in the renditions' mode; a JPEG decoded no larger than needed."""
    if found.format in ("JPEG", "MPO"):
        need = (largest, round(shown_h * largest / shown_w))
        turned = found.orientation in (5, 6, 7, 8)
        original.draft(imaging.converted_mode(original.mode), need[::-1] if turned else need)
    target = imaging.converted_mode(original.mode)
    return original.convert(target) if original.mode != target else original


def _upright(picture: PILImage.Image, orientation: int) -> PILImage.Image:
    turn = TURNS.get(orientation)
    return picture.transpose(turn) if turn is not None else picture


def _store(picture: PILImage.Image, name: str, width: int) -> str:
    """Save ``picture`` as the ``width`` rendition of ``name``, replacing an older one."""
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    target = rendition_name(name, width)
    if default_storage.exists(target):
        default_storage.delete(target)
    return default_storage.save(target, ContentFile(buffer.getvalue()))


def delete_renditions(renditions: dict[str, str]) -> None:
    """Delete the files of ``renditions`` (those of a replaced original)."""
    for stored in renditions.values():
        default_storage.delete(stored)
