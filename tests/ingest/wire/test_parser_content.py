"""parse_feed's entries: titles, HTML bodies, links, people, categories, images and Unicode."""

from __future__ import annotations

import pytest

from masthead.ingest.wire.parser import parse_feed
from masthead.ingest.wire.records import WireEntry
from tests.ingest.wire.feeds import DAY, WIRE, Item, atom, rdf, rss, story
from tests.ingest.wire.parsing import atom_entry, only, rss_item

# Titles and bodies ---------------------------------------------------------------------------


def test_cdata_is_read_as_the_html_it_holds():
    entry = only(
        rss_item(
            "<title><![CDATA[Rates <em>rise</em> & fall]]></title>"
            "<description><![CDATA[<p>Rates <em>rise</em> &amp; fall</p>]]></description>"
        )
    )
    assert entry.title == "Rates rise & fall"
    assert entry.summary == "<p>Rates <em>rise</em> &amp; fall</p>"


@pytest.mark.parametrize(
    ("written", "title"),
    [
        ("AT&amp;T", "AT&T"),
        ("AT&amp;amp;T", "AT&T"),  # escaped twice, as many feeds do
        ("It&#8217;s &#x2014; here", "It’s — here"),
        ("&lt;b&gt;Bold&lt;/b&gt; claim", "Bold claim"),
        ("Q&amp;A: 1 &lt; 2", "Q&A: 1 < 2"),
        ("  Spread\n\tover   lines  ", "Spread over lines"),
    ],
)
def test_rss_titles_are_plain_text(written, title):
    assert only(rss_item(f"<title>{written}</title>")).title == title


def test_a_long_title_is_cut_at_a_word_to_300_characters():
    title = only(rss([Item(title="word " * 100)])).title
    assert len(title) <= 300
    assert title.endswith("word…")


def test_rss_description_holding_raw_elements_is_serialized_as_html():
    entry = only(
        rss_item('<description>Hi <b xmlns="http://www.w3.org/1999/xhtml">you</b></description>')
    )
    assert entry.summary == "Hi <b>you</b>"


def test_atom_html_title_is_plain_text():
    entry = only(atom_entry('<title type="html">&lt;i&gt;Big&lt;/i&gt; &amp;amp; small</title>'))
    assert entry.title == "Big & small"


def test_atom_text_title_is_kept_as_written():
    entry = only(atom_entry('<title type="text">&lt;b&gt; is a tag</title>'))
    assert entry.title == "<b> is a tag"


def test_atom_xhtml_title_is_plain_text():
    entry = only(
        atom_entry(
            '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
            "A <em>fine</em><br/>day</div></title>"
        )
    )
    assert entry.title == "A fine day"


def test_atom_text_summary_is_escaped_a_paragraph_per_blank_line():
    entry = only(atom_entry('<summary type="text">One &lt;two&gt;\nthree\n\n  Four  </summary>'))
    assert entry.summary == "<p>One &lt;two&gt;<br>three</p><p>Four</p>"


def test_atom_html_content_is_the_html_as_written():
    entry = only(
        atom_entry(
            '<title>T</title><content type="html">&lt;p&gt;A &amp;amp; B&lt;/p&gt;</content>'
        )
    )
    assert entry.content == "<p>A &amp; B</p>"


def test_atom_xhtml_content_loses_its_namespace():
    entry = only(
        atom_entry(
            '<title>T</title><content type="xhtml" xml:lang="en">'
            '<xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml">'
            '<xhtml:p xml:lang="fr">Un <xhtml:a href="/x">lien</xhtml:a> &amp; '
            "<xhtml:br/>fin</xhtml:p></xhtml:div></content>"
        )
    )
    assert entry.content == '<p lang="fr">Un <a href="/x">lien</a> &amp; <br>fin</p>'


def test_atom_content_elsewhere_is_left_empty():
    entry = only(
        atom_entry('<title>T</title><summary>S</summary><content src="http://x.example/1"/>')
    )
    assert (entry.summary, entry.content) == ("<p>S</p>", "")


def test_missing_fields_are_empty():
    entry = only(rss([Item(title="Just a title")]))
    assert entry == WireEntry(key=entry.key, title="Just a title", position=1)


# Links ---------------------------------------------------------------------------------------


def test_rss_links_resolve_against_xml_base_then_the_feed_url():
    data = rss(
        [Item(title="A", link="a.html"), Item(title="B", link="b.html", extra="")],
        base="https://wire.example/news/",
        link="/",
    )
    document = parse_feed(data, url="https://elsewhere.example/feed.xml")
    assert document.link == "https://wire.example/"
    assert [e.link for e in document.entries] == [
        "https://wire.example/news/a.html",
        "https://wire.example/news/b.html",
    ]
    assert only(rss([Item(link="c.html")]), url="https://elsewhere.example/feeds/x").link == (
        "https://elsewhere.example/feeds/c.html"
    )


def test_atom_xml_base_nests_from_feed_to_entry_to_link():
    data = atom_entry(
        '<title>T</title><link xml:base="2024/" href="story.html"/>'
        '<link rel="enclosure" type="image/png" href="/img/a.png"/>'
    ).replace(b"<entry>", b'<entry xml:base="section/">')
    data = data.replace(b"<feed ", b'<feed xml:base="https://wire.example/news/" ')
    entry = only(data, url="https://ignored.example/")
    assert entry.link == "https://wire.example/news/section/2024/story.html"
    assert entry.image_url == "https://wire.example/img/a.png"


def test_a_relative_link_with_no_base_is_dropped():
    assert only(rss([Item(title="A", link="/relative")])).link == ""


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,hi", "ftp://x.example/f"])
def test_links_that_are_not_http_are_dropped(link):
    assert only(rss([Item(title="A", link=link)]), url=WIRE).link == ""


def test_atom_prefers_the_html_alternate_link():
    entry = only(
        atom_entry(
            '<title>T</title><link rel="self" href="http://x.example/self"/>'
            '<link rel="alternate" type="application/pdf" href="http://x.example/pdf"/>'
            '<link rel="alternate" type="text/html" href="http://x.example/html"/>'
        )
    )
    assert entry.link == "http://x.example/html"
    assert only(atom_entry('<title>T</title><link href="http://x.example/plain"/>')).link == (
        "http://x.example/plain"
    )


# People, categories, pictures ----------------------------------------------------------------


def test_rss_bylines_become_names_unique_and_in_order():
    entry = only(
        rss_item(
            "<title>T</title><dc:creator>Ann Lee</dc:creator><dc:creator>Bo Chen</dc:creator>"
            "<author>jane@x.org (Jane Doe)</author><author>Ann Lee &lt;ann@x.org&gt;</author>"
            "<author>anon@x.org</author>"
        )
    )
    assert entry.authors == ("Ann Lee", "Bo Chen", "Jane Doe")


def test_atom_authors_are_names_and_an_entry_without_one_takes_the_feeds():
    feed_author = "<author><name>The Desk</name></author>"
    entry = only(atom_entry("<title>T</title>", feed=feed_author))
    assert entry.authors == ("The Desk",)
    entry = only(
        atom_entry(
            "<title>T</title><author><name> Ann  Lee </name></author>"
            "<author><name>Bo Chen</name><email>bo@x.org</email></author>",
            feed=feed_author,
        )
    )
    assert entry.authors == ("Ann Lee", "Bo Chen")


def test_categories_are_unique_and_in_order():
    rss_entry = only(
        rss_item(
            "<title>T</title><category>Politics</category><category domain='x'>World</category>"
            "<dc:subject>politics</dc:subject><dc:subject>Europe</dc:subject>"
        )
    )
    assert rss_entry.categories == ("Politics", "World", "Europe")
    atom_entry_ = only(
        atom_entry(
            '<title>T</title><category term="world"/><category term="" label="Europe"/>'
            '<category term="world" label="World"/>'
        )
    )
    assert atom_entry_.categories == ("world", "Europe")


@pytest.mark.parametrize(
    ("inner", "image"),
    [
        ('<enclosure url="http://x.example/a.jpg" type="image/jpeg" length="1"/>', "a.jpg"),
        ('<media:content url="http://x.example/b.png" medium="image"/>', "b.png"),
        ('<media:content url="http://x.example/c.webp" type="image/webp"/>', "c.webp"),
        ('<media:thumbnail url="http://x.example/d.jpg"/>', "d.jpg"),
        ('<media:group><media:content url="http://x.example/e.jpg" medium="image"/></media:group>',
         "e.jpg"),
        ('<media:content url="/f.jpg" medium="image"/>', "f.jpg"),  # resolved against the url
        ('<enclosure url="http://x.example/g.mp3" type="audio/mpeg" length="1"/>', ""),
        ('<media:content url="http://x.example/h.mp4" medium="video"/>', ""),
    ],
)  # fmt: skip
def test_the_image_is_an_image_enclosure_or_media_picture(inner, image):
    entry = only(rss_item(f"<title>T</title>{inner}"), url="http://x.example/feed")
    assert entry.image_url == (f"http://x.example/{image}" if image else "")


def test_an_image_enclosure_wins_over_media_content_and_thumbnails():
    entry = only(
        rss_item(
            '<title>T</title><media:thumbnail url="http://x.example/thumb.jpg"/>'
            '<media:content url="http://x.example/media.jpg" medium="image"/>'
            '<enclosure url="http://x.example/enclosed.jpg" type="image/jpeg" length="1"/>'
        )
    )
    assert entry.image_url == "http://x.example/enclosed.jpg"
    assert only(atom([story(1, image=f"{WIRE}pic.png")])).image_url == f"{WIRE}pic.png"


# What gets dropped ---------------------------------------------------------------------------


def test_an_entry_with_no_title_link_or_text_is_dropped_and_reported():
    document = parse_feed(rss([story(1), story(2), Item(guid="empty", pub_date=DAY)]))
    assert [e.position for e in document.entries] == [1, 2]
    assert document.problems == ("entry 3: no title, link or text",)
    document = parse_feed(atom([Item(), story(2)]))
    assert [e.position for e in document.entries] == [2]
    assert document.problems == ("entry 1: no title, link or text",)


def test_an_entry_without_a_title_gets_one_from_its_text():
    words = " ".join(f"w{n}" for n in range(20))
    document = parse_feed(rss([story(1), story(2), story(3), Item(description=f"<p>{words}</p>")]))
    assert document.entries[3].title == " ".join(f"w{n}" for n in range(12)) + "…"
    assert document.problems == ("entry 4: no title; made one from the text",)
    assert only(atom([Item(content="<p>Short <b>one</b></p>")])).title == "Short one"


def test_an_entry_with_only_a_link_is_kept_untitled():
    document = parse_feed(rss([Item(link=f"{WIRE}bare")]))
    assert document.entries[0].title == ""
    assert document.problems == ("entry 1: no title, and no words to make one from",)


# Unicode -------------------------------------------------------------------------------------


WORLD = {
    "cjk": "北京发布新规定：人工智能",
    "emoji": "Launch day 🚀🎉 for 👩🏽‍🚀 crews",
    "arabic": "مرحبا بالعالم: أخبار اليوم",
    "hebrew": "שלום עולם — חדשות היום",
}


@pytest.mark.parametrize("text", WORLD.values(), ids=WORLD.keys())
@pytest.mark.parametrize("build", [rss, atom, rdf])
def test_any_script_survives_in_titles_and_bodies(build, text):
    entry = only(build([Item(title=text, description=f"<p>{text}</p>", content=f"<p>{text}</p>")]))
    assert entry.title == text
    assert entry.summary == entry.content == f"<p>{text}</p>"
