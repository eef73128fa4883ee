"""Draw Masthead's icon: ``favicon.svg`` and a 16 + 32 px ``favicon.ico`` from one shape.

Run from the checkout after changing the shape or colours; both files are committed::

    .venv/bin/python scripts/favicon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "src/masthead/articles/static/masthead"
SIZE = 32  # the drawing's units: a 32 x 32 square
CORNER = 6
PAPER = "#b3261e"  # the site's --accent
INK = "#ffffff"
# A block capital M, clockwise from its bottom-left corner.
LETTER = [
    (7, 25), (7, 7), (11, 7), (16, 15), (21, 7), (25, 7), (25, 25),
    (21.5, 25), (21.5, 13.5), (16, 22), (10.5, 13.5), (10.5, 25),
]  # fmt: skip
ICO_SIZES = (16, 32)
SCALE = 16  # drawn this many times larger, then shrunk: smooth edges at 16 px


def svg() -> str:
    """The icon as SVG, for browsers that take one."""
    points = " ".join(f"{x:g},{y:g}" for x, y in LETTER)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
        f'<rect width="{SIZE}" height="{SIZE}" rx="{CORNER}" fill="{PAPER}"/>'
        f'<polygon points="{points}" fill="{INK}"/></svg>\n'
    )


def bitmap() -> Image.Image:
    """The icon drawn large, with a transparent background outside the rounded square."""
    big = SIZE * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * SCALE, fill=PAPER)
    draw.polygon([(x * SCALE, y * SCALE) for x, y in LETTER], fill=INK)
    return image


def main() -> None:
    """Write favicon.svg and favicon.ico next to the site's stylesheet."""
    (OUT / "favicon.svg").write_text(svg(), encoding="utf-8")
    largest = bitmap().resize((max(ICO_SIZES),) * 2, Image.Resampling.LANCZOS)
    largest.save(OUT / "favicon.ico", sizes=[(n, n) for n in ICO_SIZES])


if __name__ == "__main__":
    main()
