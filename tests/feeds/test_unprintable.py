"""Feeds guard themselves: a stored character XML cannot carry never breaks one.

The doors strip such characters before they are stored (tests/articles/test_unprintable.py),
but rows written around them (``QuerySet.update()``, a database older than the doors) may
still hold some. Every feed must then answer 200 with well-formed XML or valid JSON, the
characters left out. The rows here are written with ``update(... = Value(...))``, which
bypasses the fields' own cleaning, as raw SQL would.
"""

from __future__ import annotations

import json
from typing import Any

import feedparser
import pytest
from django.db import connection
from django.db.models import Value
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from masthead.articles.models import Article, Author, Category, SiteSettings, Tag
from masthead.comments.models import Comment
from masthead.core.sanitize import printable, printable_all
from tests import factories

pytestmark = pytest.mark.django_db

ARCHIVES = ["/", "/category/ai/", "/tag/models/", "/author/alice/"]
FORMATS = ["feed/", "feed/atom/", "feed.json"]


def bad(text: str) -> str:
    """``text`` with the characters XML forbids that this database can store."""
    # PostgreSQL text cannot hold NUL at all; neither database takes a lone surrogate.
    nul = "\x00" if connection.vendor == "sqlite" else ""
    return f"{text[:3]}\x06\ufffe\x0c{nul}{text[3:]}\uffff"


def every_feed(story: Article) -> list[str]:
    archives = [f"{base}{fmt}" for base in ARCHIVES for fmt in FORMATS]
    return [*archives, "/comments/feed/", f"{story.get_absolute_url()}feed/"]


def read(client: Any, url: str) -> Any:
    """The feed at ``url``, parsed: it must answer 200 and be well-formed."""
    response = client.get(url)
    assert response.status_code == 200, url
    if url.endswith(".json"):
        document = json.loads(response.content)
        assert printable_all(document) == document, url
        return document
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    return feed


def spoil(newsroom: dict[str, Any], story: Article, text: str) -> None:
    """Write ``text`` into every name, title and comment a feed shows, bypassing the doors."""
    value = Value(text)
    Category.objects.filter(slug="ai").update(name=value, description=value)
    Tag.objects.filter(slug="models").update(name=value)
    Author.objects.filter(slug="alice").update(name=value)
    SiteSettings.objects.update(name=value, tagline=value)
    SiteSettings.forget()
    Article.objects.filter(pk=story.pk).update(
        title=value, dek=value, excerpt=value, body_html=Value(f"<p>{text} &#12;</p>")
    )
    Comment.objects.filter(article=story).update(author_name=value, body=value)


@pytest.fixture
def story(newsroom: dict[str, Any]) -> Article:
    """A story in section AI, tagged models, by Alice, with an approved comment."""
    story = factories.article(
        title="Chips and models", category=newsroom["ai"], tags=newsroom["tags"][:1],
        authors=[newsroom["alice"]],
    )  # fmt: skip
    factories.comment(story, author_name="A reader", body="Well put.")
    return story


def test_every_feed_stays_well_formed_when_rows_hold_forbidden_characters(client, newsroom, story):
    """Site, section, tag, author (RSS, Atom, JSON) and both comment feeds answer 200."""
    spoil(newsroom, story, bad("Ann Reader"))
    for url in every_feed(story):
        read(client, url)


def test_the_forbidden_characters_are_left_out_and_the_rest_kept(client, newsroom, story):
    """A name reaches the reader as its printable part: "Ann Reader"."""
    spoil(newsroom, story, bad("Ann Reader"))
    tag_feed = read(client, "/tag/models/feed/atom/")
    assert tag_feed.feed.title == "Ann Reader – Ann Reader"
    entry = next(e for e in tag_feed.entries if e.title == "Ann Reader")
    assert [a.name for a in entry.authors] == ["Ann Reader"]
    comments = read(client, f"{story.get_absolute_url()}feed/")
    assert comments.entries[0].title == "Ann Reader on “Ann Reader”"
    assert comments.entries[0].author == "Ann Reader"
    author_json = read(client, "/author/alice/feed.json")
    assert author_json["title"] == "Ann Reader – Ann Reader"


def test_a_character_reference_in_the_stored_html_does_not_become_one(client, newsroom, story):
    """``&#12;`` in a body's HTML is decoded by the sanitizer; the full text still parses."""
    Article.objects.filter(pk=story.pk).update(body_html=Value("<p>Form&#12;feed &#xFFFE;</p>"))
    feed = read(client, "/feed/")
    entry = next(e for e in feed.entries if e.title == story.title)
    assert "Formfeed" in entry.content[0].value


FIXTURES = HealthCheck.function_scoped_fixture  # each example sets its own rows
ATOM = "{http://www.w3.org/2005/Atom}"
# Characters either database can store (no lone surrogates; no NUL for PostgreSQL).
STORABLE = st.characters(codec="utf-8", exclude_characters="\x00")


@settings(max_examples=25, deadline=None, suppress_health_check=[FIXTURES])
@given(name=st.text(alphabet=STORABLE, min_size=1, max_size=12))
def test_any_tag_name_leaves_its_feeds_well_formed(client, newsroom, name):
    """Whatever a tag's name holds, its feeds parse and are titled by its printable part."""
    Tag.objects.filter(slug="models").update(name=Value(name))
    for fmt in FORMATS:
        read(client, f"/tag/models/{fmt}")
    # Read with lxml, not feedparser, which maps C1 controls as if they were cp1252.
    atom = etree.fromstring(client.get("/tag/models/feed/atom/").content)
    expected = printable(name).replace("\r\n", "\n").replace("\r", "\n")  # XML's line ends
    assert atom.findtext(f"{ATOM}title") == f"{expected} – The Test Gazette"
