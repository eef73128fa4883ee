"""WordPress content becomes a clean body: blocks, shortcodes, paragraphs, sanitizer."""

from __future__ import annotations

from masthead.core import markdown
from masthead.ingest.wordpress.content import convert, shortcode_attrs

OLD = "https://old.example/wp-content/uploads/2019/03/cat.jpg"


def test_classic_content_gets_paragraphs_and_line_breaks():
    body = convert("First line\nsame paragraph\n\nSecond paragraph").html
    assert body == "<p>First line<br>\nsame paragraph</p>\n<p>Second paragraph</p>"


def test_block_comments_go_and_their_html_stays():
    content = (
        "<!-- wp:paragraph -->\n<p>One</p>\n<!-- /wp:paragraph -->\n\n"
        '<!-- wp:heading {"level":3} -->\n<h3>Two</h3>\n<!-- /wp:heading -->'
    )
    assert convert(content).html == "<p>One</p>\n<h3>Two</h3>"


def test_embed_blocks_and_shortcodes_become_links():
    content = (
        '<!-- wp:embed {"url":"https://video.example/v/1"} -->\n'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://video.example/v/1\n</div></figure>\n<!-- /wp:embed -->"
    )
    assert 'href="https://video.example/v/1"' in convert(content).html
    assert (
        'href="https://video.example/v/2"'
        in convert("[embed]https://video.example/v/2[/embed]").html
    )


def test_dynamic_blocks_are_dropped_and_noted():
    converted = convert(
        "<!-- wp:paragraph --><p>Hi</p><!-- /wp:paragraph -->\n<!-- wp:latest-posts /-->"
    )
    assert converted.html == "<p>Hi</p>"
    assert converted.notes == [
        "dynamic block wp:latest-posts dropped (WordPress built it on the fly)"
    ]


def test_caption_becomes_a_figure_with_its_caption():
    image = f'<img src="{OLD}" alt="A cat">'
    content = f'[caption id="attachment_5" width="300"]{image} The cat, 猫[/caption]'
    assert convert(content).html == (
        f'<figure><img src="{OLD}" alt="A cat"><figcaption>The cat, 猫</figcaption></figure>'
    )


def test_gallery_shows_the_pictures_the_lookup_knows():
    asked = []

    def lookup(ids: list[int]) -> list[tuple[str, str]]:
        asked.append(ids)
        return [("/media/a.jpg", "A"), ("/media/b.jpg", "B")]

    body = convert('[gallery ids="4, 5,6"]', gallery=lookup).html
    assert asked == [[4, 5, 6]]
    assert (
        body == '<figure><img src="/media/a.jpg" alt="A"><img src="/media/b.jpg" alt="B"></figure>'
    )


def test_unknown_shortcodes_stay_as_text_and_are_noted():
    converted = convert('Before [contact-form id="3"] after')
    assert (
        "[contact-form id=&quot;3&quot;]" in converted.html
        or '[contact-form id="3"]' in converted.html
    )
    assert converted.notes == ["shortcode [contact-form] kept as text"]


NEWS = """The former attorney general [lord goldsmith] said the advice had been "clear".

[Lord Goldsmith] told the inquiry: "We [the government] were given [sic] a choice."

Asked again, he said [inaudible] and then [laughter]. See note [1] and [2a].

The minister [for health] said hospitals would open "within [x] weeks"."""


def test_square_brackets_in_ordinary_prose_are_not_reported_as_shortcodes():
    """Editorial brackets (names, [sic], [inaudible], footnotes) are text, not shortcodes."""
    converted = convert(NEWS)
    assert converted.notes == []
    assert "[lord goldsmith] said" in converted.html
    assert "were given [sic] a choice" in converted.html


def test_what_has_a_shortcodes_shape_and_name_is_reported_once_each():
    """Attributes, an enclosing pair, a self-closing slash or a bare tag alone on its line."""
    content = (
        'Intro [contact-form-7 id="12" title="Contact form 1"] text.\n\n'
        "[pullquote]Rates rise again[/pullquote]\n\n"
        "A table of contents: [toc /]\n\n"
        "[newsletter]\n\n"
        "An [ad_slot] inside a sentence, and [sic] beside it."
    )
    assert convert(content).notes == [
        "shortcode [contact-form-7] kept as text",
        "shortcode [pullquote] kept as text",
        "shortcode [toc] kept as text",
        "shortcode [newsletter] kept as text",
        "shortcode [ad_slot] kept as text",
    ]


def test_shortcode_attributes_are_read_in_every_quoting():
    assert shortcode_attrs(' a="1" b=\'two\' c=3 D="x y"') == {
        "a": "1",
        "b": "two",
        "c": "3",
        "d": "x y",
    }


def test_links_and_images_survive_and_uploads_are_rewritten():
    content = f'<a href="https://example.org/x">link</a> <img src="{OLD}" alt="cat">'
    body = convert(content, urls={OLD: "/media/images/cat.jpg"}).html
    assert 'href="https://example.org/x"' in body
    assert '<img src="/media/images/cat.jpg" alt="cat">' in body


def test_everything_passes_the_sanitizer():
    content = (
        '<script>alert(1)</script><p onclick="x()">Hi <a href="javascript:evil()">there</a></p>'
    )
    body = convert(content).html
    assert "script" not in body
    assert "onclick" not in body
    assert "javascript" not in body
    assert "Hi" in body


def test_the_markdown_renderer_passes_the_body_through_unchanged():
    """Blank lines inside <pre> and Markdown-looking text must not be re-interpreted."""
    content = (
        "Stars *not emphasis* and _under_\n\n<pre>line one\n\n    indented four</pre>\n\n"
        "# not a heading"
    )
    body = convert(content).html
    rendered = markdown.render(body)
    assert "<em>" not in rendered
    assert "*not emphasis*" in rendered
    assert "<h2>" not in rendered
    assert "line one\n<span></span>\n    indented four" in rendered
    assert "\n\n" not in body


def test_right_to_left_cjk_and_emoji_text_is_kept():
    text = "مرحبا بالعالم — 杭州成为人工智能创新中心 🎉"
    assert text in convert(text).html
