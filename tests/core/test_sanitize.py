"""The sanitizer's style attributes: only the table alignments the policy allows by hash."""

from __future__ import annotations

import pytest

from masthead.core import markdown
from masthead.core.sanitize import STYLE_ATTRIBUTES, clean_html


def test_markdown_tables_keep_their_alignment_in_the_allowed_spelling():
    html = markdown.render("| a | b | c |\n|:-|:-:|-:|\n| 1 | 2 | 3 |\n")
    for alignment in ("left", "center", "right"):
        assert f'style="text-align:{alignment}"' in html
    found = {part.split('"')[0] for part in html.split('style="')[1:]}
    assert found <= set(STYLE_ATTRIBUTES)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ('<td style="text-align: Center; color: red">x</td>', '<td style="text-align:center">'),
        ('<th style="color:red; text-align:right">x</th>', '<th style="text-align:right">'),
        ('<td style="text-align: justify">x</td>', "<td>"),
        ('<td style="text-align:expression(alert(1))">x</td>', "<td>"),
        ('<td style="background:url(https://x.example/t.png)">x</td>', "<td>"),
        ('<td style="">x</td>', "<td>"),
    ],
)
def test_any_other_style_is_dropped_with_its_attribute(given: str, kept: str):
    html = clean_html(f"<table><tr>{given}</tr></table>")
    assert kept in html
    assert html.count("style=") == kept.count("style=")


def test_style_attributes_stay_off_every_other_element():
    assert clean_html('<p style="text-align:center">x</p>') == "<p>x</p>"
