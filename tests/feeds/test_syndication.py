"""Story feeds: which stories, and what each item says (RSS, Atom and JSON Feed).

RSS and Atom are read with feedparser, as feed readers read them; JSON Feed with the
json module (feedparser 6 does not read it). Validity against the formats' schemas is in
``test_syndication_validity.py``; HTTP caching in ``test_syndication_http.py``.
"""

from __future__ import annotations

import html
import json
from datetime import timedelta
from typing import Any

import feedparser
import pytest
from django.core.files.storage import default_storage

from masthead.articles import services
from masthead.articles.models import Article
from masthead.core import clock
from tests import factories
from tests.conftest import edit_site

pytestmark = pytest.mark.django_db

# Every subject's listing, and where its three feeds hang off it.
SUBJECTS = {
    "site": "/",
    "category": "/category/ai/",
    "subsection": "/category/ai/ai-policy/",
    "tag": "/tag/models/",
    "author": "/author/alice/",
}
FORMATS = {"rss": "feed/", "atom": "feed/atom/", "json": "feed.json"}


def fetch(client: Any, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def parsed(client: Any, url: str) -> Any:
    """An RSS or Atom feed as feedparser reads it; it must be well-formed."""
    feed = feedparser.parse(fetch(client, url).content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    return feed


def json_feed(client: Any, url: str) -> dict[str, Any]:
    response = fetch(client, url)
    assert response["Content-Type"] == "application/feed+json"
    return json.loads(response.content)


def titles(client: Any, base: str) -> dict[str, list[str]]:
    """The item titles of ``base``'s three feeds, as plain text."""
    return {
        "rss": [e.title for e in parsed(client, f"{base}feed/").entries],
        "atom": [e.title for e in parsed(client, f"{base}feed/atom/").entries],
        "json": [i["title"] for i in json_feed(client, f"{base}feed.json")["items"]],
    }


def newest_first(stories: list[Article]) -> list[str]:
    return [s.title for s in sorted(stories, key=lambda s: s.published_at, reverse=True)]


def test_site_feeds_list_visible_stories_newest_first(client, newsroom):
    factories.article(title="A draft", status=Article.Status.DRAFT, published_at=None)
    factories.article(title="Scheduled", published_at=clock.now() + timedelta(hours=2))
    trashed = factories.article(title="Trashed")
    services.trash_article(article=trashed)
    expected = newest_first(newsroom["stories"])
    assert titles(client, "/") == {"rss": expected, "atom": expected, "json": expected}


def test_feeds_hold_the_newest_twenty_stories(client, newsroom):
    for i in range(15):
        factories.article(title=f"Extra {i}", category=newsroom["chips"])
    everything = newsroom["stories"] + list(Article.objects.filter(title__startswith="Extra"))
    assert titles(client, "/")["json"] == newest_first(everything)[:20]


def test_a_section_feed_includes_its_subsections_stories(client, newsroom):
    ai, policy = newsroom["ai"], newsroom["policy"]
    in_ai = [s for s in newsroom["stories"] if s.category in (ai, policy)]
    in_policy = [s for s in newsroom["stories"] if s.category == policy]
    assert titles(client, "/category/ai/")["atom"] == newest_first(in_ai)
    assert titles(client, "/category/ai/ai-policy/")["rss"] == newest_first(in_policy)
    assert titles(client, "/category/ai-policy/")["json"] == newest_first(in_policy)


def test_tag_and_author_feeds_hold_their_stories(client, newsroom):
    models, bob = newsroom["tags"][0], newsroom["bob"]
    tagged = [s for s in newsroom["stories"] if models in s.tags.all()]
    by_bob = [s for s in newsroom["stories"] if bob in s.byline]
    assert titles(client, "/tag/models/")["rss"] == newest_first(tagged)
    assert titles(client, "/author/bob/")["atom"] == newest_first(by_bob)


@pytest.mark.parametrize("subject", SUBJECTS)
def test_each_feed_names_its_subject_and_links_to_its_page(client, newsroom, subject):
    base = SUBJECTS[subject]
    heading = {
        "site": "", "category": "AI – ", "subsection": "Policy – ", "tag": "models – ",
        "author": "Alice Reporter – ",
    }[subject]  # fmt: skip
    page = "/category/ai-policy/" if subject == "subsection" else base
    rss, atom = parsed(client, f"{base}feed/").feed, parsed(client, f"{base}feed/atom/").feed
    data = json_feed(client, f"{base}feed.json")
    assert rss.title == atom.title == data["title"] == f"{heading}The Test Gazette"
    assert rss.link == atom.link == data["home_page_url"] == f"http://testserver{page}"
    assert data["feed_url"] == f"http://testserver{base}feed.json"
    assert data["language"] == "en"


def test_items_name_every_byline_author_with_their_page(client, newsroom):
    story = newsroom["stories"][0]  # by Alice and Bob, in that order
    expected = [
        {"name": "Alice Reporter", "href": "http://testserver/author/alice/"},
        {"name": "Bob Writer", "href": "http://testserver/author/bob/"},
    ]
    rss = parsed(client, "/feed/").entries[0]
    atom = parsed(client, "/feed/atom/").entries[0]
    item = json_feed(client, "/feed.json")["items"][0]
    assert item["title"] == story.title
    assert rss.authors == [{"name": a["name"]} for a in expected]  # dc:creator, no email
    assert atom.authors == expected
    assert item["authors"] == [{"name": a["name"], "url": a["href"]} for a in expected]


def test_items_carry_section_parent_section_and_tags_as_categories(client, newsroom):
    story = newsroom["stories"][1]  # in AI › Policy, tagged models and gpus
    expected = ["AI", "Policy", "gpus", "models"]
    rss = parsed(client, "/feed/").entries[1]
    atom = parsed(client, "/feed/atom/").entries[1]
    assert rss.title == story.title
    assert [t.term for t in rss.tags] == expected
    assert [t.term for t in atom.tags] == expected
    assert json_feed(client, "/feed.json")["items"][1]["tags"] == expected


def test_the_featured_image_is_an_enclosure_with_its_size_and_bytes(client, newsroom):
    picture = factories.image(width=1600, height=900)
    Article.objects.filter(pk=newsroom["stories"][0].pk).update(featured_image=picture)
    url = f"http://testserver{picture.url_for(1200)}"
    length = str(default_storage.size(picture.renditions["1200"]))
    rss = parsed(client, "/feed/").entries[0]
    atom = parsed(client, "/feed/atom/").entries[0]
    assert rss.enclosures == [{"href": url, "length": length, "type": "image/jpeg"}]
    assert rss.media_content == [
        {"url": url, "medium": "image", "type": "image/jpeg", "width": "1200",
         "height": "675", "filesize": length},
    ]  # fmt: skip
    assert atom.enclosures == rss.enclosures
    assert [link.rel for link in atom.links if link.href == url] == ["enclosure"]
    assert json_feed(client, "/feed.json")["items"][0]["image"] == url
    assert parsed(client, "/feed/").entries[1].enclosures == []


def test_an_image_narrower_than_the_feed_width_goes_out_as_uploaded(client, newsroom):
    picture = factories.image(width=900, height=600)
    Article.objects.filter(pk=newsroom["stories"][0].pk).update(featured_image=picture)
    rss = parsed(client, "/feed/").entries[0]
    assert rss.enclosures[0]["href"] == f"http://testserver{picture.file.url}"
    assert rss.enclosures[0]["type"] == "image/png"
    assert rss.enclosures[0]["length"] == str(picture.file.size)
    assert (rss.media_content[0]["width"], rss.media_content[0]["height"]) == ("900", "600")


def test_full_text_items_carry_the_body_with_absolute_links_and_a_summary(client, newsroom):
    story = newsroom["stories"][0]
    story.body = "See [the archive](/category/ai/), [a note](#note) and ![a chart](/media/c.png)."
    services.save_article(article=story)
    page = f"http://testserver{story.get_absolute_url()}"
    rss = parsed(client, "/feed/").entries[0]
    atom = parsed(client, "/feed/atom/").entries[0]
    item = json_feed(client, "/feed.json")["items"][0]
    for body in (rss.content[0].value, atom.content[0].value, item["content_html"]):
        assert 'href="http://testserver/category/ai/"' in body
        assert f'href="{page}#note"' in body
        assert 'src="http://testserver/media/c.png"' in body
    assert rss.summary == atom.summary == item["summary"] == story.excerpt


def test_with_full_text_off_items_carry_the_excerpt_only(client, newsroom):
    edit_site(feed_full_text=False)
    story = newsroom["stories"][0]
    rss = parsed(client, "/feed/").entries[0]
    atom = parsed(client, "/feed/atom/").entries[0]
    item = json_feed(client, "/feed.json")["items"][0]
    assert "content" not in rss
    assert "content" not in atom
    assert rss.summary == atom.summary == story.excerpt
    assert "content_html" not in item
    assert item["content_text"] == item["summary"] == story.excerpt


def test_guids_are_tag_uris_that_survive_slug_and_date_changes(client, newsroom, settings):
    settings.SITE_URL = "https://News.Example.org:8443"
    story = newsroom["stories"][4]
    guid = f"tag:news.example.org,{story.created_at:%Y-%m-%d}:article/{story.pk}"

    def links_of(wanted: str) -> list[str]:
        """The story's link in each format, found by its GUID."""
        rss = [e for e in parsed(client, "/feed/").entries if e.id == wanted]
        atom = [e for e in parsed(client, "/feed/atom/").entries if e.id == wanted]
        items = json_feed(client, "/feed.json")["items"]
        found = [i for i in items if i["id"] == wanted]
        assert len(rss) == len(atom) == len(found) == 1, wanted
        assert rss[0].guidislink is False
        return [rss[0].link, atom[0].link, found[0]["url"]]

    before = links_of(guid)
    assert before == [f"http://testserver{story.get_absolute_url()}"] * 3
    story.slug = "a-new-slug"
    story.published_at -= timedelta(days=3)
    services.save_article(article=story)
    after = links_of(guid)
    assert after == [f"http://testserver{story.get_absolute_url()}"] * 3
    assert after != before
    assert "/a-new-slug/" in after[0]


HEADLINE = "中国芯片出口 😀: R&D <script>alert(1)</script> ]]> done"
BODY = "Code: `<script>alert(1)</script>` and `]]>`.\n\n<script>alert(2)</script>\n\n北京 🚀"


def test_titles_reach_readers_as_written(client, newsroom):
    """An apostrophe or ampersand is escaped once, for XML, never shown as an entity."""
    factories.article(title="AI's R&D bill")
    raw = fetch(client, "/feed/").content.decode()
    assert "<title>AI's R&amp;D bill</title>" in raw
    assert titles(client, "/")["rss"][0] == "AI's R&D bill"


def test_unicode_and_markup_in_stories_stay_escaped_and_well_formed(client, newsroom):
    factories.article(title=HEADLINE, dek="Dek with ]]> and <b>tags</b> 😀", body=BODY)
    rss = parsed(client, "/feed/").entries[0]
    atom = parsed(client, "/feed/atom/").entries[0]
    item = json_feed(client, "/feed.json")["items"][0]
    assert rss.title == atom.title == item["title"] == HEADLINE
    assert rss.summary == atom.summary == html.escape(item["summary"], quote=False)
    assert item["summary"] == "Dek with ]]> and <b>tags</b> 😀"
    for body in (rss.content[0].value, atom.content[0].value, item["content_html"]):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<script" not in body
        assert "alert(2)" not in body
        assert "北京 🚀" in body
    raw = fetch(client, "/feed/").content.decode()
    assert "<script" not in raw
    assert "]]>" not in raw


def test_characters_xml_cannot_carry_are_dropped_not_fatal(client, newsroom):
    factories.article(title="Vertical\x0btab and bell\x07", dek="Form\x0cfeed")
    assert parsed(client, "/feed/atom/").entries[0].title == "Verticaltab and bell"
    assert parsed(client, "/feed/").entries[0].summary == "Formfeed"


def test_an_empty_section_has_valid_empty_feeds(client, newsroom):
    factories.CategoryFactory(name="Quiet", slug="quiet")
    assert parsed(client, "/category/quiet/feed/").entries == []
    assert json_feed(client, "/category/quiet/feed.json")["items"] == []


@pytest.mark.parametrize(
    "url",
    [
        "/tag/nope/feed/", "/tag/nope/feed/atom/", "/tag/nope/feed.json",
        "/author/nobody/feed/", "/category/nope/feed.json", "/category/ai/nope/feed/atom/",
        "/category/a/b/c/feed/", "/category/ai/feed/rss/", "/feed/json/", "/tag/feed/",
    ],
)  # fmt: skip
def test_feeds_of_unknown_subjects_are_not_found(client, newsroom, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_head_requests_answer_like_get_without_a_body(client, newsroom, fmt):
    url = f"/category/ai/{FORMATS[fmt]}"
    head, get = client.head(url), client.get(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
    assert head["Last-Modified"] == get["Last-Modified"]
