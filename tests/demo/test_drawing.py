"""The drawn pictures: every motif and palette works, sizes are kept, output is repeatable."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from masthead.demo.drawing import MOTIFS, PALETTES, draw_avatar, draw_illustration


def opened(data: bytes) -> Image.Image:
    """Decode ``data`` fully, so a truncated file fails here."""
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def test_there_are_twelve_motifs_and_seven_palettes():
    assert len(MOTIFS) == 12
    assert len(PALETTES) == 7
    assert {"chip", "network", "globe", "document"} <= set(MOTIFS)
    assert {"blue", "crimson", "slate"} <= set(PALETTES)


def test_an_illustration_is_a_1600_by_900_jpeg_by_default():
    picture = opened(draw_illustration(motif="chip", palette="blue", seed=1))
    assert picture.format == "JPEG"
    assert picture.mode == "RGB"
    assert picture.size == (1600, 900)


@pytest.mark.parametrize("motif", MOTIFS)
@pytest.mark.parametrize("palette", PALETTES)
def test_every_motif_draws_in_every_palette(motif: str, palette: str):
    picture = opened(draw_illustration(motif=motif, palette=palette, seed=3, width=320, height=180))
    assert picture.size == (320, 180)
    # Not a flat fill: shapes, gradients and smoothed edges give many colours.
    assert len(picture.getcolors(maxcolors=320 * 180)) > 200


@pytest.mark.parametrize("size", [(800, 800), (1200, 400), (400, 1000)])
def test_the_asked_size_is_kept_for_other_shapes(size: tuple[int, int]):
    jpeg = draw_illustration(motif="city", palette="teal", seed=2, width=size[0], height=size[1])
    assert opened(jpeg).size == size


def test_the_same_arguments_draw_the_same_bytes():
    first = draw_illustration(motif="globe", palette="violet", seed=7)
    assert draw_illustration(motif="globe", palette="violet", seed=7) == first


def test_another_seed_draws_another_picture():
    pictures = {draw_illustration(motif="network", palette="amber", seed=s) for s in range(4)}
    assert len(pictures) == 4


def test_an_unknown_motif_or_palette_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="chip"):
        draw_illustration(motif="unicorn", palette="blue", seed=1)
    with pytest.raises(ValueError, match="crimson"):
        draw_illustration(motif="chip", palette="mauve", seed=1)


def test_an_avatar_is_a_square_png_with_transparent_corners():
    picture = opened(draw_avatar(initials="AK", palette="violet"))
    assert picture.format == "PNG"
    assert picture.size == (256, 256)
    assert picture.mode == "RGBA"
    assert picture.getpixel((0, 0))[3] == 0
    assert picture.getpixel((128, 20))[3] == 255


def test_an_avatar_can_be_any_size():
    assert opened(draw_avatar(initials="Q", palette="slate", size=64)).size == (64, 64)


@pytest.mark.parametrize("palette", PALETTES)
def test_avatars_draw_in_every_palette(palette: str):
    assert opened(draw_avatar(initials="MJ", palette=palette, size=96)).size == (96, 96)


def test_initials_decide_the_avatar():
    assert draw_avatar(initials="AK", palette="blue") != draw_avatar(initials="ZZ", palette="blue")
    assert draw_avatar(initials="ak", palette="blue") == draw_avatar(initials="AK", palette="blue")


@pytest.mark.parametrize("initials", ["ÉO", "王", "", "  ", "😀"])
def test_avatars_cope_with_letters_the_bundled_font_lacks(initials: str):
    """Accents are folded away; with nothing drawable left, a silhouette stands in."""
    assert opened(draw_avatar(initials=initials, palette="green", size=64)).size == (64, 64)


def test_folded_accents_draw_the_plain_letter():
    assert draw_avatar(initials="ÉO", palette="teal") == draw_avatar(initials="EO", palette="teal")
