"""Flat editorial illustrations and initials avatars, drawn locally with Pillow.

Pure functions: arguments in, image bytes out, no network and no fonts beyond the one
Pillow ships. The same arguments always give the same bytes, so generated demo data is
reproducible::

    jpeg = draw_illustration(motif="chip", palette="teal", seed=7)
    png = draw_avatar(initials="AK", palette="violet")

Motifs are drawn in *units* (a hundredth of the shorter side) around a focal point,
so they keep their proportions at any size. Shapes are drawn at twice the asked size and
halved at the end: ``ImageDraw`` does not anti-alias, and this is the cheap way to get
smooth edges.
"""

from __future__ import annotations

import io
import math
import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageDraw, ImageFont, ImageOps

RGB = tuple[int, int, int]
Color = RGB | tuple[int, int, int, int]
Point = tuple[float, float]
Box = tuple[float, float, float, float]
SUPERSAMPLE = 2
JPEG_QUALITY = 85


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


_PALETTES: dict[str, Palette] = {
    "blue": Palette.of("#0b2350 #2563eb #3b82f6 #93c5fd #fbbf24 #eff6ff #0a1a3a"),
    "teal": Palette.of("#042f2e #0f8a7e #14b8a6 #99f6e4 #fb923c #f0fdfa #03201f"),
    "amber": Palette.of("#5a1d0a #d97706 #f59e0b #fde68a #38bdf8 #fffbeb #3a1405"),
    "crimson": Palette.of("#3f0617 #be123c #f43f5e #fecdd3 #facc15 #fff1f2 #2a0410"),
    "violet": Palette.of("#1e0b4b #6d28d9 #8b5cf6 #ddd6fe #2dd4bf #f5f3ff #150735"),
    "slate": Palette.of("#0b1220 #3b4a60 #64748b #cbd5e1 #38bdf8 #f8fafc #05080f"),
    "green": Palette.of("#052e16 #15803d #22c55e #bbf7d0 #fde047 #f0fdf4 #021a0c"),
}
PALETTES: tuple[str, ...] = tuple(_PALETTES)


def _rgba(color: RGB, alpha: int) -> Color:
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


def _turn(point: Point, degrees: float) -> Point:
    """Rotate a unit-space ``point`` about the focus."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return (point[0] * c - point[1] * s, point[0] * s + point[1] * c)


def _rotated(center: Point, w: float, h: float, degrees: float) -> list[Point]:
    """Return the corners of a ``w`` by ``h`` rectangle turned about ``center``."""
    corners = ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2))
    return [(center[0] + x, center[1] + y) for x, y in (_turn(c, degrees) for c in corners)]


# --- background and shared decoration ----------------------------------------------------


def _background(width: int, height: int, ink: Palette, rng: random.Random) -> Image.Image:
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
    turn = math.radians(angle)
    side = int(256 / (abs(math.cos(turn)) + abs(math.sin(turn))))
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


def _backdrop(sc: Scene) -> None:
    """Draw the quiet shapes behind every motif: big discs, a dot grid, confetti."""
    rng, ink = sc.rng, sc.ink
    for _ in range(rng.randint(2, 3)):
        r = rng.uniform(0.25, 0.55) * sc.height
        sc.dot(rng.uniform(0, sc.width), rng.uniform(0, sc.height), r, _rgba(ink.light, 12))
    left, top = rng.choice(((0.06, 0.1), (0.78, 0.1), (0.06, 0.7), (0.8, 0.72)))
    step = 3.2 * sc.unit
    for i in range(24):
        x, y = left * sc.width + i % 6 * step, top * sc.height + i // 6 * step
        sc.dot(x, y, 0.35 * sc.unit, _rgba(ink.light, 60))
    for _ in range(rng.randint(5, 9)):
        x, y = rng.uniform(0.03, 0.97) * sc.width, rng.uniform(0.05, 0.95) * sc.height
        r = rng.uniform(0.6, 1.4) * sc.unit
        color = _rgba(rng.choice((ink.accent, ink.soft, ink.light)), 150)
        if rng.random() < 0.5:
            sc.draw.ellipse((x - r, y - r, x + r, y + r), outline=color, width=sc.s(0.35))
        else:
            sc.draw.rectangle((x - r, y - r, x + r, y + r), fill=color)


def _shadow(sc: Scene, dy: float, w: float) -> None:
    """Ground the motif with a flat elliptical shadow ``dy`` units below the focus."""
    sc.draw.ellipse(sc.box(0, dy, w, w * 0.09), fill=_rgba(sc.ink.dark, 90))


# --- motifs --------------------------------------------------------------------------------


def _chip(sc: Scene) -> None:
    """A processor package with pins, a gridded die and circuit traces."""
    ink, rng = sc.ink, sc.rng
    for _ in range(rng.randint(14, 20)):
        side, y, bend = rng.choice((-1, 1)), rng.uniform(-18, 18), rng.uniform(-14, 14)
        x1, x2 = side * rng.uniform(30, 42), side * rng.uniform(48, 72)
        trace = [(side * 20, y), (x1, y), (x1 + side * 6, y + bend), (x2, y + bend)]
        if rng.random() < 0.5:  # half the traces leave from the top and bottom edges
            trace = [(b, a) for a, b in trace]
        sc.line(trace, _rgba(ink.soft, 120), 0.55)
        sc.disc(*trace[-1], 1.1, fill=ink.dark, outline=_rgba(ink.soft, 200), width=sc.s(0.45))
    _shadow(sc, 30, 56)
    for i in range(8):
        at = -15.75 + i * 4.5
        for dx, dy, w, h in ((at, -24, 2, 6), (at, 24, 2, 6), (-24, at, 6, 2), (24, at, 6, 2)):
            sc.rect(dx, dy, w, h, 0.5, fill=ink.soft)
    sc.rect(0, 0, 44, 44, 4, fill=ink.dark)
    sc.rect(0, 0, 28, 28, 2.5, fill=ink.main)
    for k in (-7, 0, 7):
        sc.line([(k, -14), (k, 14)], _rgba(ink.light, 45), 0.3)
        sc.line([(-14, k), (14, k)], _rgba(ink.light, 45), 0.3)
    sc.disc(-17.5, -17.5, 1.4, fill=ink.accent)


def _network(sc: Scene) -> None:
    """Nodes linked to their nearest neighbours around a highlighted hub."""
    ink, rng = sc.ink, sc.rng
    nodes = _scattered_nodes(rng)
    edges: set[tuple[int, int]] = set()
    for i, a in enumerate(nodes):
        ranked = sorted(range(len(nodes)), key=lambda j: math.dist(a, nodes[j]))
        edges.update((min(i, j), max(i, j)) for j in ranked[1 : 5 if i == 0 else 3])
    for i, j in sorted(edges):
        sc.line([nodes[i], nodes[j]], _rgba(ink.light, 90), 0.35)
    for i, (x, y) in enumerate(nodes):
        r = 5.5 if i == 0 else rng.uniform(1.2, 3.2)
        color = ink.accent if i == 0 else rng.choice((ink.main, ink.soft, ink.light))
        if i == 0 or rng.random() < 0.25:
            sc.disc(x, y, r * 2, fill=_rgba(color, 45))
        sc.disc(x, y, r, fill=color)
    sc.disc(0, 0, 2.2, fill=ink.dark)


def _scattered_nodes(rng: random.Random) -> list[Point]:
    """Return a hub at the focus and nodes jittered on a grid, so none overlap."""
    nodes = [(0.0, 0.0)]
    for col in range(7):
        for row in range(4):
            x, y = -66 + col * 22 + rng.uniform(-6, 6), -33 + row * 22 + rng.uniform(-6, 6)
            if rng.random() < 0.75 and math.dist((x, y), (0, 0)) > 14:
                nodes.append((x, y))
    return nodes


def _city(sc: Scene) -> None:
    """A two-layer skyline with lit windows under a sun."""
    ink, rng = sc.ink, sc.rng
    sc.disc(rng.uniform(-50, 50), -26, 11, fill=_rgba(ink.accent, 230))
    ground, left, right = 34.0, -sc.cx / sc.unit - 2, (sc.width - sc.cx) / sc.unit
    for front in (False, True):
        x = left
        while x < right:
            w = rng.uniform(7, 15)
            h = rng.uniform(18, 46) if front else rng.uniform(30, 60)
            color = ink.dark if front else _rgba(ink.main, 110)
            sc.draw.rectangle(sc.box(x + w / 2, ground - h / 2, w, h), fill=color)
            if front:
                _windows(sc, x, ground - h, w, h)
            x += w + rng.uniform(0.5, 2.5)
    sc.draw.rectangle((0, sc.p(0, ground)[1], sc.width, sc.height), fill=ink.dark)


def _windows(sc: Scene, left: float, top: float, w: float, h: float) -> None:
    cols = max(1, int((w - 2) // 3))
    for row in range(int((h - 4) // 4)):
        for col in range(cols):
            if sc.rng.random() < 0.45:
                color = _rgba(sc.rng.choice((sc.ink.accent, sc.ink.soft)), 200)
                x = left + 2.6 + col * (w - 3) / cols
                sc.draw.rectangle(sc.box(x, top + 3 + row * 4, 1.2, 1.6), fill=color)


def _chart(sc: Scene) -> None:
    """A dashboard card with bars and a trend line, and a floating pie chart."""
    ink, rng = sc.ink, sc.rng
    _shadow(sc, 38, 90)
    sc.rect(0, 0, 96, 64, 3, fill=ink.light)
    sc.rect(-32, -24, 22, 2.4, 1.2, fill=ink.main)
    sc.rect(-35.5, -19, 15, 1.6, 0.8, fill=ink.soft)
    for k in range(4):
        sc.line([(-40, 22 - k * 10), (40, 22 - k * 10)], _rgba(ink.dark, 30), 0.25)
    trend = []
    for i in range(7):
        x, h = -33 + i * 11, rng.uniform(6, 34)
        sc.rect(x, 22 - h / 2, 6, h, 1, fill=ink.main if i % 3 else ink.soft)
        trend.append((x, 22 - h - 5))
    sc.line(trend, ink.accent, 0.8)
    for x, y in trend:
        sc.disc(x, y, 1.3, fill=ink.light, outline=ink.accent, width=sc.s(0.5))
    dx, dy, share = rng.choice((-58, 58)), -31, rng.uniform(70, 290)
    sc.rect(dx, dy, 26, 26, 3, fill=ink.dark)
    sc.draw.pieslice(sc.box(dx, dy, 17, 17), -90, -90 + share, fill=ink.accent)
    sc.draw.pieslice(sc.box(dx, dy, 17, 17), -90 + share, 270, fill=ink.soft)
    sc.disc(dx, dy, 4.5, fill=ink.dark)


def _robot(sc: Scene) -> None:
    """A friendly robot head and shoulders with glowing eyes."""
    ink = sc.ink
    sc.line([(0, -30), (0, -38)], ink.soft, 1.2)
    sc.disc(0, -39, 2.6, fill=ink.accent)
    sc.rect(0, 30, 54, 30, 8, fill=ink.main)
    sc.rect(0, 33, 24, 14, 3, fill=ink.dark)
    for k, color in enumerate((ink.accent, ink.soft, ink.light)):
        sc.disc(-6 + k * 6, 33, 1.8, fill=color)
    sc.rect(0, 13, 10, 8, 2, fill=ink.soft)
    for ear in (-23.5, 23.5):
        sc.rect(ear, -12, 5, 12, 2, fill=ink.main)
    sc.rect(0, -12, 44, 34, 8, fill=ink.light)
    sc.rect(0, -13, 34, 18, 7, fill=ink.dark)
    glow = sc.rng.choice((ink.accent, ink.soft))
    for x in (-8, 8):
        sc.disc(x, -13, 6, fill=_rgba(glow, 50))
        sc.disc(x, -13, 3.4, fill=glow)
    for k in range(4):
        sc.rect(-4.5 + k * 3, 0, 1.6, 2.6, 0.5, fill=_rgba(ink.dark, 130))


def _satellite(sc: Scene) -> None:
    """A satellite with solar wings and a signalling dish, orbiting a planet."""
    ink, rng = sc.ink, sc.rng
    for _ in range(40):
        x, y = rng.uniform(0, sc.width), rng.uniform(0, sc.height)
        sc.dot(x, y, rng.uniform(0.12, 0.32) * sc.unit, _rgba(ink.light, rng.randint(90, 220)))
    planet_x = rng.choice((-70, 70))
    sc.disc(planet_x, 60, 48, fill=ink.main, outline=_rgba(ink.soft, 90), width=sc.s(1.2))
    sc.draw.ellipse(sc.box(0, 6, 150, 44), outline=_rgba(ink.light, 70), width=sc.s(0.4))
    tilt = rng.uniform(-24, -8)
    for dx in (-24, 24):
        sc.poly(_rotated(_turn((dx, 0), tilt), 28, 15, tilt), ink.soft)
        for k in (-7, 0, 7):
            sc.line([_turn((dx + k, -7.5), tilt), _turn((dx + k, 7.5), tilt)], ink.main, 0.35)
    sc.line([_turn((-10, 0), tilt), _turn((10, 0), tilt)], ink.light, 1.2)
    sc.poly(_rotated((0, 0), 14, 14, tilt), ink.light)
    x, y = _turn((0, -11), tilt)
    sc.draw.chord(sc.box(x, y, 12, 8), 180, 360, fill=ink.accent)
    for k in range(1, 4):
        size = 8 + 7 * k
        sc.arc(sc.box(x, y - 3, size, size), (220, 320), _rgba(ink.accent, 220 - 50 * k), 0.6)


def _lab(sc: Scene) -> None:
    """A bubbling flask, a rack of test tubes and a benzene ring."""
    ink, rng = sc.ink, sc.rng
    _shadow(sc, 32, 100)
    glass = _rgba(ink.light, 60)
    sc.poly([(-19, -30), (-11, -30), (-11, -10), (2, 28), (-32, 28), (-19, -10)], glass)
    level = rng.uniform(4, 12)
    flare = level * 0.35  # the liquid's surface widens as the cone does
    sc.poly([(-23.5 - flare, level), (-6.5 + flare, level), (2, 28), (-32, 28)], ink.main)
    sc.rect(-15, -31, 11, 2.4, 1, fill=ink.light)
    for _ in range(6):
        x, y, r = rng.uniform(-20, -10), rng.uniform(-40, level - 3), rng.uniform(0.8, 2)
        sc.disc(x, y, r, fill=_rgba(ink.soft, 160))
    sc.rect(30, 18, 56, 5, 1.5, fill=ink.dark)
    for x in (12, 24, 36, 48):
        depth = rng.uniform(4, 20)
        sc.rect(x, 1, 7, 36, 3.5, fill=glass)
        sc.rect(x, 18 - depth / 2, 7, depth, 3.5, fill=rng.choice((ink.accent, ink.soft, ink.main)))
    ring = [_turn((8, 0), 60 * k + 30) for k in range(7)]
    sc.line([(34 + x, -26 + y) for x, y in ring], _rgba(ink.light, 160), 0.6)
    for x, y in ring[:6]:
        sc.disc(34 + x, -26 + y, 1.6, fill=ink.accent)


def _phone(sc: Scene) -> None:
    """A smartphone with app tiles and chat bubbles floating beside it."""
    ink, rng = sc.ink, sc.rng
    _shadow(sc, 38, 46)
    sc.rect(0, 0, 38, 72, 6, fill=ink.dark)
    sc.rect(0, 0, 33, 66, 4.5, fill=ink.main)
    sc.rect(0, -30, 10, 2, 1, fill=ink.dark)
    for tile in range(12):
        x, y = -10 + tile % 3 * 10, -18 + tile // 3 * 10
        sc.rect(x, y, 7, 7, 2, fill=rng.choice((ink.soft, ink.light, ink.accent, ink.dark)))
    sc.rect(0, 26, 24, 4, 2, fill=_rgba(ink.light, 120))
    first = rng.choice((-1, 1))
    for k, dy in enumerate((-22, -6, 12)):
        x = first * (-1) ** k * rng.uniform(38, 46)
        sc.rect(x, dy, 30, 11, 4, fill=ink.light)
        sc.rect(x - 2, dy - 1.8, 20, 1.6, 0.8, fill=ink.soft)
        sc.rect(x - 5, dy + 1.8, 14, 1.6, 0.8, fill=_rgba(ink.main, 150))
    sc.disc(14, -31, 3, fill=ink.accent)


def _globe(sc: Scene) -> None:
    """A dotted-continent globe in an orbit ring, with location pins."""
    ink, rng = sc.ink, sc.rng
    radius, ring = 34.0, sc.box(0, 0, 104, 30)
    sc.arc(ring, (180, 360), _rgba(ink.soft, 140), 0.8)  # the half behind the globe
    sc.disc(0, 0, radius + 4, fill=_rgba(ink.light, 25))
    sc.disc(0, 0, radius, fill=ink.main)
    phase = rng.uniform(0, math.tau)
    for i in range(-13, 14):
        for j in range(-13, 14):
            x, y = i * 2.6, j * 2.6
            land = math.sin(x / 7 + phase) + math.cos(y / 6 - phase * 0.7) + math.sin((x - y) / 11)
            if land > 0.6 and math.hypot(x, y) < radius - 1.5:
                sc.disc(x, y, 0.85, fill=_rgba(ink.light, 200))
    for squeeze in (0.35, 0.75):
        meridian = sc.box(0, 0, 2 * radius * squeeze, 2 * radius)
        sc.draw.ellipse(meridian, outline=_rgba(ink.light, 60), width=sc.s(0.3))
    sc.arc(ring, (0, 180), ink.soft, 0.8)
    for _ in range(3):
        x, y = _turn((radius * 0.6, 0), rng.uniform(0, 360))
        sc.disc(x, y - 4, 2.6, fill=ink.accent)
        sc.poly([(x - 2.2, y - 3), (x + 2.2, y - 3), (x, y + 1)], ink.accent)
        sc.disc(x, y - 4, 1, fill=ink.dark)


def _server(sc: Scene) -> None:
    """Three racks of servers with vents and status lights."""
    ink, rng = sc.ink, sc.rng
    _shadow(sc, 38, 110)
    for dx in (-32, 0, 32):
        sc.rect(dx, 0, 28, 72, 2.5, fill=ink.dark)
        for y in range(-28, 30, 11):
            sc.rect(dx, y, 24, 9, 1.5, fill=ink.main)
            for v in range(4):
                vent = dx - 9 + v * 2.2
                sc.line([(vent, y - 2), (vent, y + 2)], _rgba(ink.dark, 110), 0.5)
            for k in range(3):
                lit = ink.accent if rng.random() < 0.7 else _rgba(ink.light, 70)
                sc.disc(dx + 5 + k * 2.8, y, 0.8, fill=lit)


def _battery(sc: Scene) -> None:
    """A battery with charge cells, a lightning bolt and charging arcs."""
    ink = sc.ink
    _shadow(sc, 26, 90)
    sc.rect(-3, 0, 78, 40, 6, fill=ink.dark, outline=ink.light, width=sc.s(1.6))
    sc.rect(39.5, 0, 5, 14, 1.5, fill=ink.light)
    charged = sc.rng.randint(2, 5)
    full = ink.accent if charged <= 2 else ink.main  # a low battery shows its warning colour
    for k in range(5):
        sc.rect(-32 + k * 14.5, 0, 11, 30, 2, fill=full if k < charged else _rgba(ink.light, 30))
    sc.disc(0, 0, 13, fill=_rgba(ink.dark, 150))
    sc.poly([(2, -16), (-8, 2), (-1, 2), (-4, 16), (8, -3), (1, -3), (4, -16)], ink.light)
    for k in (1, 2):
        box = sc.box(-3, 0, 78 + 22 * k, 40 + 22 * k)
        sc.arc(box, (200, 340), _rgba(ink.soft, 120 - 40 * k), 0.7)


def _document(sc: Scene) -> None:
    """A stack of pages with a headline, text lines and a magnifying glass."""
    ink, rng = sc.ink, sc.rng
    _shadow(sc, 40, 70)
    for k, angle in enumerate((rng.uniform(-12, -6), rng.uniform(4, 9))):
        sc.poly(_rotated((k * 6 - 3, 2), 52, 70, angle), _rgba(ink.soft, 110 + 60 * k))
    sc.rect(0, 0, 52, 70, 2, fill=ink.light)
    sc.rect(-8, -27, 26, 3, 1.5, fill=ink.main)
    sc.rect(0, -15, 42, 12, 1.5, fill=ink.soft)
    highlight = rng.randint(0, 6)
    for row in range(7):
        width = rng.uniform(26, 42) if row % 3 != 2 else rng.uniform(16, 28)
        color = ink.accent if row == highlight else _rgba(ink.dark, 70)
        sc.rect(-21 + width / 2, -4 + row * 4.8, width, 1.8, 0.9, fill=color)
    sc.line([(26, 22), (38, 34)], ink.dark, 3)
    sc.disc(18, 14, 11, fill=_rgba(ink.light, 90), outline=ink.dark, width=sc.s(2))


_PAINTERS: dict[str, Callable[[Scene], None]] = {
    "chip": _chip,
    "network": _network,
    "city": _city,
    "chart": _chart,
    "robot": _robot,
    "satellite": _satellite,
    "lab": _lab,
    "phone": _phone,
    "globe": _globe,
    "server": _server,
    "battery": _battery,
    "document": _document,
}
MOTIFS: tuple[str, ...] = tuple(_PAINTERS)


# --- the public functions -----------------------------------------------------------------


def draw_illustration(
    *, motif: str, palette: str, seed: int, width: int = 1600, height: int = 900
) -> bytes:
    """Draw a flat editorial illustration of ``motif`` and return it as JPEG bytes."""
    paint, ink = _PAINTERS[_known(motif, MOTIFS)], _PALETTES[_known(palette, PALETTES)]
    # A string seed is hashed with SHA-512, so it is stable across runs and processes.
    rng = random.Random(f"{motif}:{palette}:{seed}")
    canvas = _background(width, height, ink, rng)
    big_w, big_h = canvas.size
    # The motif drifts off-centre a little so a grid of teasers does not look stamped.
    focus = (big_w * rng.uniform(0.42, 0.58), big_h * rng.uniform(0.47, 0.53))
    unit = min(big_w, big_h) / 100
    scene = Scene(ImageDraw.Draw(canvas, "RGBA"), rng, ink, big_w, big_h, *focus, unit)
    _backdrop(scene)
    paint(scene)
    return _encode(canvas.reduce(SUPERSAMPLE), "JPEG", quality=JPEG_QUALITY)


def draw_avatar(*, initials: str, palette: str, size: int = 256) -> bytes:
    """Draw ``initials`` in a coloured circle and return it as PNG bytes.

    Letters outside ASCII are folded (É becomes E) because Pillow's bundled font has
    only Latin glyphs; when nothing drawable is left, a head-and-shoulders shape stands in.
    """
    ink = _PALETTES[_known(palette, PALETTES)]
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
