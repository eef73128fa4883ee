"""Bodies from other systems: paragraphs, one raw HTML block for Markdown."""

from __future__ import annotations

from masthead.core import markdown
from masthead.ingest.bodies import autop, markdown_safe


def test_block_tags_are_not_wrapped_again():
    assert autop("<h2>Title</h2>\n\nText\n\n<ul>\n<li>a</li>\n</ul>") == (
        "<h2>Title</h2>\n\n<p>Text</p>\n\n<ul>\n<li>a</li>\n</ul>"
    )


def test_loose_text_is_framed_so_markdown_leaves_it_alone():
    laid_out = markdown_safe("Text with *stars* and _underscores_\n\n<p>Next</p>")
    assert laid_out.startswith("<div>")
    assert "<em>" not in markdown.render(laid_out)


def test_blank_lines_inside_pre_survive_markdown():
    laid_out = markdown_safe("<pre>one\n\ntwo</pre>")
    assert "\n\n" not in laid_out
    assert "one\n<span></span>\ntwo" in markdown.render(laid_out)
