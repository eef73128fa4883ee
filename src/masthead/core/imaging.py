"""Judge a picture file from its header, before any pixel is decoded.

A compressed picture can be tiny and its pixels huge: a 17 KB PNG of 12,000 × 12,000
black-and-white pixels makes Pillow hold 144 MB, and 576 MB more once converted to RGB.
Pillow's own guard (``MAX_IMAGE_PIXELS``) counts pixels, not bytes, and only warns up to
twice its ceiling. ``inspect`` reads the header alone (Pillow opens lazily) and prices
the decoding in bytes::

    cost = width × height × (bytes per pixel of the stored mode × frames
                             + bytes per pixel of the mode the renditions convert to)

Bytes per pixel are Pillow's own storage: 1 for ``1``, ``L`` and ``P``, 2 for 16-bit
grey, 4 for the rest (``RGB`` is kept in four bytes). A file is refused, with a sentence
that says why, when it is no picture, is in a format we do not serve (JPEG, PNG, GIF
and WebP only, so no other decoder ever parses an upload), is cut short, has more pixels
than ``MAX_IMAGE_PIXELS``, or costs more than the budget, ``settings.IMAGE_MEMORY_BYTES``::

    >>> PIXEL_BYTES["1"], PIXEL_BYTES["RGB"], converted_mode("1"), converted_mode("P")
    (1, 4, 'L', 'RGB')
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace
from typing import IO

from django.conf import settings
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

# The decoders an upload may reach.
DECODERS = ["JPEG", "PNG", "GIF", "WEBP"]
# Pillow's format names, and the file extension each is stored under; MPO is a camera's
# JPEG carrying extra views, which the JPEG decoder opens under that name.
SERVED = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
PIXEL_BYTES = {
    "1": 1, "L": 1, "P": 1,
    "I;16": 2, "I;16L": 2, "I;16B": 2, "I;16N": 2,
    "LA": 4, "La": 4, "PA": 4, "RGB": 4, "RGBA": 4, "RGBa": 4, "RGBX": 4,
    "CMYK": 4, "YCbCr": 4, "LAB": 4, "HSV": 4, "I": 4, "F": 4,
}  # fmt: skip
# A mode Pillow may add later is priced as the widest it stores today.
WIDEST = 4
MB = 1024 * 1024


class NotAccepted(ValueError):
    """The file is refused as a picture; the message says why, for the person who sent it."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message, self.code = message, code


@dataclass(frozen=True)
class Picture:
    """What the header of an accepted picture says."""

    format: str  # Pillow's name: JPEG, PNG, GIF, WEBP
    mode: str
    width: int  # as stored; EXIF orientation 5 to 8 shows it turned
    height: int
    frames: int
    orientation: int
    cost: int  # bytes decoding and converting it takes (module docstring)

    @property
    def extension(self) -> str:
        return SERVED[self.format]

    @property
    def shown_size(self) -> tuple[int, int]:
        """Width and height as shown, EXIF orientation applied."""
        turned = self.orientation in (5, 6, 7, 8)
        return (self.height, self.width) if turned else (self.width, self.height)


def converted_mode(mode: str) -> str:
    """The mode renditions are made in: grey stays grey, everything else becomes RGB."""
    return "L" if mode in ("1", "L") else "RGB"


def decoding_cost(mode: str, width: int, height: int, frames: int = 1) -> int:
    """Bytes Pillow holds to decode a picture of this mode and size, and to convert it."""
    pixels = width * height
    own = PIXEL_BYTES.get(mode, WIDEST) * pixels * max(frames, 1)
    target = converted_mode(mode)
    return own + (PIXEL_BYTES[target] * pixels if target != mode else 0)


def open_picture(fh: IO[bytes]) -> PILImage.Image:
    """Open ``fh`` with the decoders of the served formats only (header read, no pixels)."""
    with warnings.catch_warnings():
        # The pixel ceiling is checked by ``inspect``, in words; Pillow's warning says nothing.
        warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
        return PILImage.open(fh, formats=DECODERS)


def inspect(fh: IO[bytes]) -> Picture:
    """Judge picture file ``fh`` (see the module docstring); raise ``NotAccepted`` if refused.

    Only the header is read, then the file is checked to be whole: a PNG's chunks are
    verified, a JPEG is decoded at an eighth of its size, a GIF or WebP's first frame is
    decoded (its cost is within the budget by then). ``fh`` is left at its start.
    """
    fh.seek(0)
    try:
        picture = _priced(fh)
        fh.seek(0)
        _check_whole(fh, picture)
        return picture
    finally:
        fh.seek(0)


def _priced(fh: IO[bytes]) -> Picture:
    try:
        with open_picture(fh) as image:
            found = Picture(
                format=image.format or "", mode=image.mode, width=image.width,
                height=image.height, frames=getattr(image, "n_frames", 1),
                orientation=_orientation(image), cost=0,
            )  # fmt: skip
    except PILImage.DecompressionBombError:
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _not_served(fh) from None
    cost = decoding_cost(found.mode, found.width, found.height, found.frames)
    if cost > settings.IMAGE_MEMORY_BYTES:
        raise NotAccepted(
            f"This picture is {found.width:,} × {found.height:,} pixels"
            + (f" in {found.frames:,} frames" if found.frames > 1 else "")
            + f": opening it would take {cost / MB:,.0f} MB of memory, and this site allows "
            f"{settings.IMAGE_MEMORY_BYTES / MB:,.0f} MB per picture. Scale it down first.",
            code="too_much_memory",
        )
    if found.width * found.height > (PILImage.MAX_IMAGE_PIXELS or 0) > 0:
        raise _too_many_pixels(found)
    return replace(found, cost=cost)


def _orientation(image: PILImage.Image) -> int:
    """The EXIF orientation, read without decoding: a PNG's ``getexif`` decodes the pixels
    to look for EXIF after them, so only what its header already holds is read."""
    try:
        if image.format == "PNG" or image.format == "GIF":
            raw = image.info.get("exif")
            exif = PILImage.Exif()
            if isinstance(raw, bytes):
                exif.load(raw)
            value = exif.get(0x0112, 1)
        else:
            value = image.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block does not make the picture unusable
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _check_whole(fh: IO[bytes], picture: Picture) -> None:
    """Read the file to its end the cheapest way its format allows; refuse it if cut short."""
    try:
        with open_picture(fh) as image:
            if picture.format == "PNG":
                image.verify()
            else:
                if picture.format in ("JPEG", "MPO"):
                    image.draft(image.mode, (1, 1))  # decode at 1/8 scale: cheap, yet whole
                image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise NotAccepted(
            f"This {picture.format} file is damaged or cut short ({exc}); "
            "upload the whole file again.",
            code="damaged",
        ) from None


def _too_many_pixels(found: Picture | None = None) -> NotAccepted:
    ceiling = PILImage.MAX_IMAGE_PIXELS or 0
    size = f"{found.width:,} × {found.height:,} pixels" if found else "more pixels than that"
    return NotAccepted(
        f"Pictures can have at most {ceiling:,} pixels; this one has {size}. Scale it down first.",
        code="too_many_pixels",
    )


# Formats people try that we do not decode: named from their first bytes, never parsed.
OTHERS = {
    b"II*\0": "TIFF", b"MM\0*": "TIFF", b"BM": "BMP", b"8BPS": "Photoshop", b"\0\0\1\0": "ICO",
    b"%PDF": "PDF", b"%!PS": "PostScript",
}  # fmt: skip


def _not_served(fh: IO[bytes]) -> NotAccepted:
    fh.seek(0)
    head = fh.read(64)
    kind = next((name for magic, name in OTHERS.items() if head.startswith(magic)), "")
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        kind = "HEIC or AVIF"
    elif b"<svg" in head.lower() or head.lstrip().startswith(b"<?xml"):
        kind = "SVG"
    if not kind:
        return NotAccepted(
            "This file is not a picture (or is damaged): upload a JPEG, PNG, GIF or WebP file.",
            code="not_a_picture",
        )
    return NotAccepted(
        f"{kind} files are not served here: upload a JPEG, PNG, GIF or WebP file.", code="format"
    )
