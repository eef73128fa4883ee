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

The package is split by job: ``canvas`` holds the palettes, the ``Scene`` and the shared
background, ``motifs`` one painter per motif, ``pictures`` the two public functions
re-exported here.
"""

from masthead.demo.drawing.canvas import PALETTES
from masthead.demo.drawing.motifs import MOTIFS
from masthead.demo.drawing.pictures import draw_avatar, draw_illustration

__all__ = ["MOTIFS", "PALETTES", "draw_avatar", "draw_illustration"]
