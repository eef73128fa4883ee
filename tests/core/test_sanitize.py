"""The sanitizer: table alignments only as the policy allows them; pictures from other sites
become visible links, the site's own are kept."""

from __future__ import annotations

import pytest

from masthead.core import markdown
from masthead.core.markdown import render
from masthead.core.sanitize import STYLE_ATTRIBUTES, clean_html, outside_host, outside_pictures


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


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://news.example.org"
    settings.MEDIA_URL = "/media/"
    settings.BODY_IMAGE_HOSTS = ["cdn.example.net"]


@pytest.mark.parametrize(
    "src",
    [
        "/media/images/2026/12/cat.jpg",
        "images/cat.jpg",
        "https://news.example.org/media/cat.jpg",
        "HTTPS://NEWS.EXAMPLE.ORG/media/cat.jpg",
        "https://cdn.example.net/cat.jpg",
    ],
)
def test_the_sites_own_pictures_and_allowed_hosts_are_kept(src):
    assert clean_html(f'<img src="{src}" alt="A cat">') == f'<img src="{src}" alt="A cat">'


@pytest.mark.parametrize(
    ("src", "host"),
    [
        ("https://tracker.example/pixel.gif", "tracker.example"),
        ("//tracker.example/pixel.gif", "tracker.example"),
        ("/\\tracker.example/pixel.gif", "tracker.example"),
        ("https://news.example.org.tracker.example/x.png", "news.example.org.tracker.example"),
        ("https://news.example.org:8443/x.png", "news.example.org"),
    ],
)
def test_a_picture_from_another_host_becomes_a_link_to_it(src, host):
    cleaned = clean_html(f'<p>Look: <img src="{src}" alt="A cat"></p>')
    assert "<img" not in cleaned
    assert f"Picture from {host}: A cat</a>" in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_a_port_other_than_the_sites_is_another_origin(settings):
    settings.SITE_URL = "http://localhost:8000"
    assert outside_host("http://localhost:8000/media/a.png") is None
    assert outside_host("http://localhost:9000/a.png") == "localhost"


def test_markdown_pictures_follow_the_same_rule():
    html = render("![Harbour](https://photos.example/h.jpg?w=1&h=2)\n\n![Own](/media/o.jpg)")
    assert '<a href="https://photos.example/h.jpg?w=1&amp;h=2" rel="noopener noreferrer">' in html
    assert "Picture from photos.example: Harbour" in html
    assert '<img loading="lazy" decoding="async" src="/media/o.jpg" alt="Own">' in html


def test_hostile_attributes_do_not_survive_the_rewrite():
    hostile = '<img src="https://x.example/a.png" alt="&quot;><script>alert(1)</script>"'
    cleaned = clean_html(f'{hostile} onerror="alert(2)">')
    assert "<script" not in cleaned
    assert "onerror" not in cleaned
    assert 'Picture from x.example: "&gt;&lt;script&gt;alert(1)' in cleaned


def test_a_picture_from_no_http_address_is_dropped():
    assert clean_html('<p><img src="mailto:a@b.example">x</p>') == "<p>x</p>"


def test_outside_pictures_can_be_kept_for_sources_rendered_again():
    html = '<img src="https://photos.example/h.jpg" alt="H">'
    kept = clean_html(html, outside_pictures=True)
    assert kept == html
    assert outside_pictures(kept) == [("https://photos.example/h.jpg", "H", "photos.example")]
