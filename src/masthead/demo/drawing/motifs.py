"""The motif painters: one function per subject, each drawing on a ``Scene``.

A painter draws in units around the scene's focal point (see
``masthead.demo.drawing.canvas``) after the shared backdrop, and takes every random
choice from ``sc.rng`` in a fixed order, so the same seed always gives the same picture.
``PAINTERS`` maps each motif's name to its painter; ``MOTIFS`` lists the names.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from masthead.demo.drawing.canvas import Point, Scene, rgba, rotated, shadow, turn


def _chip(sc: Scene) -> None:
    """A processor package with pins, a gridded die and circuit traces."""
    ink, rng = sc.ink, sc.rng
    for _ in range(rng.randint(14, 20)):
        side, y, bend = rng.choice((-1, 1)), rng.uniform(-18, 18), rng.uniform(-14, 14)
        x1, x2 = side * rng.uniform(30, 42), side * rng.uniform(48, 72)
        trace = [(side * 20, y), (x1, y), (x1 + side * 6, y + bend), (x2, y + bend)]
        if rng.random() < 0.5:  # half the traces leave from the top and bottom edges
            trace = [(b, a) for a, b in trace]
        sc.line(trace, rgba(ink.soft, 120), 0.55)
        sc.disc(*trace[-1], 1.1, fill=ink.dark, outline=rgba(ink.soft, 200), width=sc.s(0.45))
    shadow(sc, 30, 56)
    for i in range(8):
        at = -15.75 + i * 4.5
        for dx, dy, w, h in ((at, -24, 2, 6), (at, 24, 2, 6), (-24, at, 6, 2), (24, at, 6, 2)):
            sc.rect(dx, dy, w, h, 0.5, fill=ink.soft)
    sc.rect(0, 0, 44, 44, 4, fill=ink.dark)
    sc.rect(0, 0, 28, 28, 2.5, fill=ink.main)
    for k in (-7, 0, 7):
        sc.line([(k, -14), (k, 14)], rgba(ink.light, 45), 0.3)
        sc.line([(-14, k), (14, k)], rgba(ink.light, 45), 0.3)
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
        sc.line([nodes[i], nodes[j]], rgba(ink.light, 90), 0.35)
    for i, (x, y) in enumerate(nodes):
        r = 5.5 if i == 0 else rng.uniform(1.2, 3.2)
        color = ink.accent if i == 0 else rng.choice((ink.main, ink.soft, ink.light))
        if i == 0 or rng.random() < 0.25:
            sc.disc(x, y, r * 2, fill=rgba(color, 45))
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
    sc.disc(rng.uniform(-50, 50), -26, 11, fill=rgba(ink.accent, 230))
    ground, left, right = 34.0, -sc.cx / sc.unit - 2, (sc.width - sc.cx) / sc.unit
    for front in (False, True):
        x = left
        while x < right:
            w = rng.uniform(7, 15)
            h = rng.uniform(18, 46) if front else rng.uniform(30, 60)
            color = ink.dark if front else rgba(ink.main, 110)
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
                color = rgba(sc.rng.choice((sc.ink.accent, sc.ink.soft)), 200)
                x = left + 2.6 + col * (w - 3) / cols
                sc.draw.rectangle(sc.box(x, top + 3 + row * 4, 1.2, 1.6), fill=color)


def _chart(sc: Scene) -> None:
    """A dashboard card with bars and a trend line, and a floating pie chart."""
    ink, rng = sc.ink, sc.rng
    shadow(sc, 38, 90)
    sc.rect(0, 0, 96, 64, 3, fill=ink.light)
    sc.rect(-32, -24, 22, 2.4, 1.2, fill=ink.main)
    sc.rect(-35.5, -19, 15, 1.6, 0.8, fill=ink.soft)
    for k in range(4):
        sc.line([(-40, 22 - k * 10), (40, 22 - k * 10)], rgba(ink.dark, 30), 0.25)
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
        sc.disc(x, -13, 6, fill=rgba(glow, 50))
        sc.disc(x, -13, 3.4, fill=glow)
    for k in range(4):
        sc.rect(-4.5 + k * 3, 0, 1.6, 2.6, 0.5, fill=rgba(ink.dark, 130))


def _satellite(sc: Scene) -> None:
    """A satellite with solar wings and a signalling dish, orbiting a planet."""
    ink, rng = sc.ink, sc.rng
    for _ in range(40):
        x, y = rng.uniform(0, sc.width), rng.uniform(0, sc.height)
        sc.dot(x, y, rng.uniform(0.12, 0.32) * sc.unit, rgba(ink.light, rng.randint(90, 220)))
    planet_x = rng.choice((-70, 70))
    sc.disc(planet_x, 60, 48, fill=ink.main, outline=rgba(ink.soft, 90), width=sc.s(1.2))
    sc.draw.ellipse(sc.box(0, 6, 150, 44), outline=rgba(ink.light, 70), width=sc.s(0.4))
    tilt = rng.uniform(-24, -8)
    for dx in (-24, 24):
        sc.poly(rotated(turn((dx, 0), tilt), 28, 15, tilt), ink.soft)
        for k in (-7, 0, 7):
            sc.line([turn((dx + k, -7.5), tilt), turn((dx + k, 7.5), tilt)], ink.main, 0.35)
    sc.line([turn((-10, 0), tilt), turn((10, 0), tilt)], ink.light, 1.2)
    sc.poly(rotated((0, 0), 14, 14, tilt), ink.light)
    x, y = turn((0, -11), tilt)
    sc.draw.chord(sc.box(x, y, 12, 8), 180, 360, fill=ink.accent)
    for k in range(1, 4):
        size = 8 + 7 * k
        sc.arc(sc.box(x, y - 3, size, size), (220, 320), rgba(ink.accent, 220 - 50 * k), 0.6)


def _lab(sc: Scene) -> None:
    """A bubbling flask, a rack of test tubes and a benzene ring."""
    ink, rng = sc.ink, sc.rng
    shadow(sc, 32, 100)
    glass = rgba(ink.light, 60)
    sc.poly([(-19, -30), (-11, -30), (-11, -10), (2, 28), (-32, 28), (-19, -10)], glass)
    level = rng.uniform(4, 12)
    flare = level * 0.35  # the liquid's surface widens as the cone does
    sc.poly([(-23.5 - flare, level), (-6.5 + flare, level), (2, 28), (-32, 28)], ink.main)
    sc.rect(-15, -31, 11, 2.4, 1, fill=ink.light)
    for _ in range(6):
        x, y, r = rng.uniform(-20, -10), rng.uniform(-40, level - 3), rng.uniform(0.8, 2)
        sc.disc(x, y, r, fill=rgba(ink.soft, 160))
    sc.rect(30, 18, 56, 5, 1.5, fill=ink.dark)
    for x in (12, 24, 36, 48):
        depth = rng.uniform(4, 20)
        sc.rect(x, 1, 7, 36, 3.5, fill=glass)
        sc.rect(x, 18 - depth / 2, 7, depth, 3.5, fill=rng.choice((ink.accent, ink.soft, ink.main)))
    ring = [turn((8, 0), 60 * k + 30) for k in range(7)]
    sc.line([(34 + x, -26 + y) for x, y in ring], rgba(ink.light, 160), 0.6)
    for x, y in ring[:6]:
        sc.disc(34 + x, -26 + y, 1.6, fill=ink.accent)


def _phone(sc: Scene) -> None:
    """A smartphone with app tiles and chat bubbles floating beside it."""
    ink, rng = sc.ink, sc.rng
    shadow(sc, 38, 46)
    sc.rect(0, 0, 38, 72, 6, fill=ink.dark)
    sc.rect(0, 0, 33, 66, 4.5, fill=ink.main)
    sc.rect(0, -30, 10, 2, 1, fill=ink.dark)
    for tile in range(12):
        x, y = -10 + tile % 3 * 10, -18 + tile // 3 * 10
        sc.rect(x, y, 7, 7, 2, fill=rng.choice((ink.soft, ink.light, ink.accent, ink.dark)))
    sc.rect(0, 26, 24, 4, 2, fill=rgba(ink.light, 120))
    first = rng.choice((-1, 1))
    for k, dy in enumerate((-22, -6, 12)):
        x = first * (-1) ** k * rng.uniform(38, 46)
        sc.rect(x, dy, 30, 11, 4, fill=ink.light)
        sc.rect(x - 2, dy - 1.8, 20, 1.6, 0.8, fill=ink.soft)
        sc.rect(x - 5, dy + 1.8, 14, 1.6, 0.8, fill=rgba(ink.main, 150))
    sc.disc(14, -31, 3, fill=ink.accent)


def _globe(sc: Scene) -> None:
    """A dotted-continent globe in an orbit ring, with location pins."""
    ink, rng = sc.ink, sc.rng
    radius, ring = 34.0, sc.box(0, 0, 104, 30)
    sc.arc(ring, (180, 360), rgba(ink.soft, 140), 0.8)  # the half behind the globe
    sc.disc(0, 0, radius + 4, fill=rgba(ink.light, 25))
    sc.disc(0, 0, radius, fill=ink.main)
    phase = rng.uniform(0, math.tau)
    for i in range(-13, 14):
        for j in range(-13, 14):
            x, y = i * 2.6, j * 2.6
            land = math.sin(x / 7 + phase) + math.cos(y / 6 - phase * 0.7) + math.sin((x - y) / 11)
            if land > 0.6 and math.hypot(x, y) < radius - 1.5:
                sc.disc(x, y, 0.85, fill=rgba(ink.light, 200))
    for squeeze in (0.35, 0.75):
        meridian = sc.box(0, 0, 2 * radius * squeeze, 2 * radius)
        sc.draw.ellipse(meridian, outline=rgba(ink.light, 60), width=sc.s(0.3))
    sc.arc(ring, (0, 180), ink.soft, 0.8)
    for _ in range(3):
        x, y = turn((radius * 0.6, 0), rng.uniform(0, 360))
        sc.disc(x, y - 4, 2.6, fill=ink.accent)
        sc.poly([(x - 2.2, y - 3), (x + 2.2, y - 3), (x, y + 1)], ink.accent)
        sc.disc(x, y - 4, 1, fill=ink.dark)


def _server(sc: Scene) -> None:
    """Three racks of servers with vents and status lights."""
    ink, rng = sc.ink, sc.rng
    shadow(sc, 38, 110)
    for dx in (-32, 0, 32):
        sc.rect(dx, 0, 28, 72, 2.5, fill=ink.dark)
        for y in range(-28, 30, 11):
            sc.rect(dx, y, 24, 9, 1.5, fill=ink.main)
            for v in range(4):
                vent = dx - 9 + v * 2.2
                sc.line([(vent, y - 2), (vent, y + 2)], rgba(ink.dark, 110), 0.5)
            for k in range(3):
                lit = ink.accent if rng.random() < 0.7 else rgba(ink.light, 70)
                sc.disc(dx + 5 + k * 2.8, y, 0.8, fill=lit)


def _battery(sc: Scene) -> None:
    """A battery with charge cells, a lightning bolt and charging arcs."""
    ink = sc.ink
    shadow(sc, 26, 90)
    sc.rect(-3, 0, 78, 40, 6, fill=ink.dark, outline=ink.light, width=sc.s(1.6))
    sc.rect(39.5, 0, 5, 14, 1.5, fill=ink.light)
    charged = sc.rng.randint(2, 5)
    full = ink.accent if charged <= 2 else ink.main  # a low battery shows its warning colour
    for k in range(5):
        sc.rect(-32 + k * 14.5, 0, 11, 30, 2, fill=full if k < charged else rgba(ink.light, 30))
    sc.disc(0, 0, 13, fill=rgba(ink.dark, 150))
    sc.poly([(2, -16), (-8, 2), (-1, 2), (-4, 16), (8, -3), (1, -3), (4, -16)], ink.light)
    for k in (1, 2):
        box = sc.box(-3, 0, 78 + 22 * k, 40 + 22 * k)
        sc.arc(box, (200, 340), rgba(ink.soft, 120 - 40 * k), 0.7)


def _document(sc: Scene) -> None:
    """A stack of pages with a headline, text lines and a magnifying glass."""
    ink, rng = sc.ink, sc.rng
    shadow(sc, 40, 70)
    for k, angle in enumerate((rng.uniform(-12, -6), rng.uniform(4, 9))):
        sc.poly(rotated((k * 6 - 3, 2), 52, 70, angle), rgba(ink.soft, 110 + 60 * k))
    sc.rect(0, 0, 52, 70, 2, fill=ink.light)
    sc.rect(-8, -27, 26, 3, 1.5, fill=ink.main)
    sc.rect(0, -15, 42, 12, 1.5, fill=ink.soft)
    highlight = rng.randint(0, 6)
    for row in range(7):
        width = rng.uniform(26, 42) if row % 3 != 2 else rng.uniform(16, 28)
        color = ink.accent if row == highlight else rgba(ink.dark, 70)
        sc.rect(-21 + width / 2, -4 + row * 4.8, width, 1.8, 0.9, fill=color)
    sc.line([(26, 22), (38, 34)], ink.dark, 3)
    sc.disc(18, 14, 11, fill=rgba(ink.light, 90), outline=ink.dark, width=sc.s(2))


PAINTERS: dict[str, Callable[[Scene], None]] = {
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
MOTIFS: tuple[str, ...] = tuple(PAINTERS)
