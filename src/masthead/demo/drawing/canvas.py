"""The canvas every illustration is painted on: palettes, the ``Scene`` and the background.

A ``Scene`` places shapes in *units* (a hundredth of the shorter side) around a focal
point, so motifs keep their proportions at any size. The canvas is ``SUPERSAMPLE`` times
the asked size and is halved at the end: ``ImageDraw`` does not anti-alias, and this is
the cheap way to get smooth edges. ``backdrop`` and ``shadow`` are the decoration shared
by every motif; the motifs themselves are in ``masthead.demo.drawing.motifs``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageDraw, ImageOps

RGB = tuple[int, int, int]
Color = RGB | tuple[int, int, int, int]
Point = tuple[float, float]
Box = tuple[float, float, float, float]
SUPERSAMPLE = 2


@dataclass(frozen=True)
class Palette:
    """The colours of one picture: a background gradient and five inks."""

    top: RGB
    bottom: RGB
    main: RGB
    soft: RGB
    accent: RGB
    light: RGB
    dark: RGB

    @classmethod
    def of(cls, hex_colors: str) -> Palette:
        """Build a palette from seven space-separated ``#rrggbb`` colours, in field order."""
        return cls(*(_hex(c) for c in hex_colors.split()))


def _hex(value: str) -> RGB:
    """Return ``#rrggbb`` as an RGB tuple."""
    return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))


INKS: dict[str, Palette] = {
    "blue": Palette.of("#0b2350 #2563eb #3b82f6 #93c5fd #fbbf24 #eff6ff #0a1a3a"),
    "teal": Palette.of("#042f2e #0f8a7e #14b8a6 #99f6e4 #fb923c #f0fdfa #03201f"),
    "amber": Palette.of("#5a1d0a #d97706 #f59e0b #fde68a #38bdf8 #fffbeb #3a1405"),
    "crimson": Palette.of("#3f0617 #be123c #f43f5e #fecdd3 #facc15 #fff1f2 #2a0410"),
    "violet": Palette.of("#1e0b4b #6d28d9 #8b5cf6 #ddd6fe #2dd4bf #f5f3ff #150735"),
    "slate": Palette.of("#0b1220 #3b4a60 #64748b #cbd5e1 #38bdf8 #f8fafc #05080f"),
    "green": Palette.of("#052e16 #15803d #22c55e #bbf7d0 #fde047 #f0fdf4 #021a0c"),
}
PALETTES: tuple[str, ...] = tuple(INKS)


def rgba(color: RGB, alpha: int) -> Color:
    return (*color, alpha)


@dataclass
class Scene:
    """A canvas with a focal point; motifs place shapes in units around that point."""

    draw: ImageDraw.ImageDraw
    rng: random.Random
    ink: Palette
    width: int
    height: int
    cx: float
    cy: float
    unit: float

    def p(self, dx: float, dy: float) -> Point:
        """Return the canvas point ``dx``, ``dy`` units from the focal point."""
        return (self.cx + dx * self.unit, self.cy + dy * self.unit)

    def box(self, dx: float, dy: float, w: float, h: float) -> Box:
        """Return the box ``w`` by ``h`` units centred ``dx``, ``dy`` from the focus."""
        x, y = self.p(dx, dy)
        half_w, half_h = w * self.unit / 2, h * self.unit / 2
        return (x - half_w, y - half_h, x + half_w, y + half_h)

    def s(self, units: float) -> int:
        """Return ``units`` as a whole number of pixels (at least one)."""
        return max(1, round(units * self.unit))

    def disc(self, dx: float, dy: float, r: float, fill: Color | None = None, **kw: Any) -> None:
        """Draw a circle of radius ``r`` units."""
        self.draw.ellipse(self.box(dx, dy, 2 * r, 2 * r), fill=fill, **kw)

    def rect(
        self, dx: float, dy: float, w: float, h: float, r: float, fill: Color, **kw: Any
    ) -> None:
        """Draw a ``w`` by ``h`` rectangle with corners rounded by ``r`` units."""
        self.draw.rounded_rectangle(self.box(dx, dy, w, h), self.s(r), fill=fill, **kw)

    def line(self, points: Sequence[Point], fill: Color, w: float) -> None:
        """Draw a polyline ``w`` units wide through unit ``points``."""
        self.draw.line([self.p(*pt) for pt in points], fill=fill, width=self.s(w), joint="curve")

    def poly(self, points: Sequence[Point], fill: Color) -> None:
        """Fill the polygon through unit ``points``."""
        self.draw.polygon([self.p(*pt) for pt in points], fill=fill)

    def arc(self, box: Box, span: tuple[float, float], fill: Color, w: float) -> None:
        """Draw the arc of the ellipse in ``box`` from ``span[0]`` to ``span[1]`` degrees."""
        self.draw.arc(box, span[0], span[1], fill=fill, width=self.s(w))

    def dot(self, x: float, y: float, r: float, fill: Color) -> None:
        """Draw a circle at canvas pixel ``x``, ``y`` (not units), radius ``r`` pixels."""
        self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)


def turn(point: Point, degrees: float) -> Point:
    """Rotate a unit-space ``point`` about the focus."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return (point[0] * c - point[1] * s, point[0] * s + point[1] * c)


def rotated(center: Point, w: float, h: float, degrees: float) -> list[Point]:
    """Return the corners of a ``w`` by ``h`` rectangle turned about ``center``."""
    corners = ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2))
    return [(center[0] + x, center[1] + y) for x, y in (turn(c, degrees) for c in corners)]


# --- background and shared decoration ----------------------------------------------------


def background(width: int, height: int, ink: Palette, rng: random.Random) -> Image.Image:
    """Return the supersampled canvas: a diagonal gradient with a soft glow, seeded."""
    # Smooth colour needs no detail: make it small and enlarge it. The last step is
    # NEAREST because the supersampled canvas is reduced to ``width`` again at the end.
    small = (max(2, width // 8), max(2, height // 8))
    canvas = _gradient(small, ink, rng.uniform(-35, 35))
    radius = small[1] * 0.7
    _glow(canvas, (small[0] * rng.uniform(0.3, 0.7), small[1] * 0.45), radius, ink.soft)
    canvas = canvas.resize((width, height), Image.Resampling.BILINEAR)
    return canvas.resize((width * SUPERSAMPLE, height * SUPERSAMPLE), Image.Resampling.NEAREST)


def _gradient(size: tuple[int, int], ink: Palette, angle: float) -> Image.Image:
    """Return a ``top``-to-``bottom`` gradient turned by ``angle`` degrees."""
    ramp = Image.linear_gradient("L").rotate(angle, resample=Image.Resampling.BICUBIC)
    # Keep only the square that stays filled after rotating, so no corner is blank.
    theta = math.radians(angle)
    side = int(256 / (abs(math.cos(theta)) + abs(math.sin(theta))))
    margin = (256 - side) // 2 + 1
    ramp = ramp.crop((margin, margin, 256 - margin, 256 - margin))
    return ImageOps.colorize(ramp.resize(size, Image.Resampling.BILINEAR), ink.top, ink.bottom)


def _glow(image: Image.Image, center: Point, radius: float, color: RGB) -> None:
    """Lighten a soft round area of ``image`` towards ``color``."""
    size = max(2, int(radius * 2))
    # radial_gradient reaches 181 at the square's edge (255 only in its corners).
    falloff = Image.radial_gradient("L").point(lambda v: int(max(0.0, 1 - v / 181) ** 2 * 70))
    corner = (int(center[0] - radius), int(center[1] - radius))
    image.paste(Image.new("RGB", (size, size), color), corner, falloff.resize((size, size)))


def backdrop(sc: Scene) -> None:
    """Draw the quiet shapes behind every motif: big discs, a dot grid, confetti."""
    rng, ink = sc.rng, sc.ink
    for _ in range(rng.randint(2, 3)):
        r = rng.uniform(0.25, 0.55) * sc.height
        sc.dot(rng.uniform(0, sc.width), rng.uniform(0, sc.height), r, rgba(ink.light, 12))
    left, top = rng.choice(((0.06, 0.1), (0.78, 0.1), (0.06, 0.7), (0.8, 0.72)))
    step = 3.2 * sc.unit
    for i in range(24):
        x, y = left * sc.width + i % 6 * step, top * sc.height + i // 6 * step
        sc.dot(x, y, 0.35 * sc.unit, rgba(ink.light, 60))
    for _ in range(rng.randint(5, 9)):
        x, y = rng.uniform(0.03, 0.97) * sc.width, rng.uniform(0.05, 0.95) * sc.height
        r = rng.uniform(0.6, 1.4) * sc.unit
        color = rgba(rng.choice((ink.accent, ink.soft, ink.light)), 150)
        if rng.random() < 0.5:
            sc.draw.ellipse((x - r, y - r, x + r, y + r), outline=color, width=sc.s(0.35))
        else:
            sc.draw.rectangle((x - r, y - r, x + r, y + r), fill=color)


def shadow(sc: Scene, dy: float, w: float) -> None:
    """Ground the motif with a flat elliptical shadow ``dy`` units below the focus."""
    sc.draw.ellipse(sc.box(0, dy, w, w * 0.09), fill=rgba(sc.ink.dark, 90))
