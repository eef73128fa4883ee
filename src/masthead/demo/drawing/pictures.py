"""The two public drawings: an editorial illustration (JPEG) and an initials avatar (PNG)."""

from __future__ import annotations

import io
import random
import unicodedata
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from masthead.demo.drawing.canvas import INKS, PALETTES, SUPERSAMPLE, Scene, backdrop, background
from masthead.demo.drawing.motifs import MOTIFS, PAINTERS

JPEG_QUALITY = 85


def draw_illustration(
    *, motif: str, palette: str, seed: int, width: int = 1600, height: int = 900
) -> bytes:
    """Draw a flat editorial illustration of ``motif`` and return it as JPEG bytes."""
    paint, ink = PAINTERS[_known(motif, MOTIFS)], INKS[_known(palette, PALETTES)]
    # A string seed is hashed with SHA-512, so it is stable across runs and processes.
    rng = random.Random(f"{motif}:{palette}:{seed}")
    canvas = background(width, height, ink, rng)
    big_w, big_h = canvas.size
    # The motif drifts off-centre a little so a grid of teasers does not look stamped.
    focus = (big_w * rng.uniform(0.42, 0.58), big_h * rng.uniform(0.47, 0.53))
    unit = min(big_w, big_h) / 100
    scene = Scene(ImageDraw.Draw(canvas, "RGBA"), rng, ink, big_w, big_h, *focus, unit)
    backdrop(scene)
    paint(scene)
    return _encode(canvas.reduce(SUPERSAMPLE), "JPEG", quality=JPEG_QUALITY)


def draw_avatar(*, initials: str, palette: str, size: int = 256) -> bytes:
    """Draw ``initials`` in a coloured circle and return it as PNG bytes.

    Letters outside ASCII are folded (É becomes E) because Pillow's bundled font has
    only Latin glyphs; when nothing drawable is left, a head-and-shoulders shape stands in.
    """
    ink = INKS[_known(palette, PALETTES)]
    big = size * SUPERSAMPLE
    canvas = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((0, 0, big - 1, big - 1), fill=ink.main)
    draw.ellipse((big * 0.08, big * 0.08, big * 0.92, big * 0.92), fill=ink.top)
    text = _drawable(initials)
    if text:
        font = ImageFont.load_default(size=big * (0.42 if len(text) < 3 else 0.32))
        draw.text((big / 2, big / 2), text, font=font, fill=ink.light, anchor="mm")
    else:
        draw.ellipse((big * 0.37, big * 0.24, big * 0.63, big * 0.5), fill=ink.light)
        draw.chord((big * 0.22, big * 0.55, big * 0.78, big * 1.0), 180, 360, fill=ink.light)
    return _encode(canvas.resize((size, size), Image.Resampling.LANCZOS), "PNG")


def _drawable(initials: str) -> str:
    """Return up to three ASCII letters or digits for ``initials``, upper-cased."""
    folded = unicodedata.normalize("NFKD", initials).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded if ch.isalnum()).upper()[:3]


def _known(name: str, choices: tuple[str, ...]) -> str:
    if name not in choices:
        raise ValueError(f"{name!r} is not one of: {', '.join(choices)}")
    return name


def _encode(image: Image.Image, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()
