"""Every feed is valid: Atom against RFC 4287's RELAX NG schema, JSON Feed against our
JSON Schema of version 1.1, RSS and Atom as feedparser reads them (tests/schemas/README.md).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
import rnc2rng
from lxml import etree

from masthead.articles import services
from tests import factories
from tests.feeds.test_syndication import BODY, HEADLINE, SUBJECTS, fetch

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent.parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"


@cache
def atom_schema() -> etree.RelaxNG:
    """RFC 4287's schema, from its compact syntax to an lxml validator."""
    rng = rnc2rng.dumps(rnc2rng.load(str(SCHEMAS / "atom.rnc")))
    # rnc2rng declares the RNC's `local = ""` as xmlns:local="", which XML namespaces
    # forbid (and the grammar never uses as a prefix): leave it out.
    rng = rng.replace('xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode()))


@cache
def json_feed_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def atom_errors(document: bytes) -> list[str]:
    """What the schema, and the Schematron rules lxml does not run, find wrong."""
    tree = etree.fromstring(document)
    schema = atom_schema()
    errors = [] if schema.validate(tree) else [str(e) for e in schema.error_log]
    feed_has_author = tree.find(f"{ATOM}author") is not None
    for entry in tree.iter(f"{ATOM}entry"):
        if not feed_has_author and entry.find(f"{ATOM}author") is None:
            errors.append("an entry without an author in a feed without one")
        alternates = [link.get("rel", "alternate") for link in entry.iter(f"{ATOM}link")]
        if "alternate" not in alternates and entry.find(f"{ATOM}content") is None:
            errors.append("an entry with neither an alternate link nor content")
    return errors


def json_errors(document: dict[str, Any]) -> list[str]:
    return [
        f"{list(e.absolute_path)}: {e.message}" for e in json_feed_validator().iter_errors(document)
    ]


@pytest.fixture
def varied(newsroom: dict[str, Any]) -> dict[str, Any]:
    """The newsroom with a picture, a story in Chinese with markup, and one without a byline."""
    story = newsroom["stories"][1]
    story.featured_image = factories.image()
    services.save_article(article=story)
    factories.article(
        title=HEADLINE, body=BODY, category=newsroom["policy"], tags=newsroom["tags"],
        authors=[newsroom["alice"]],
    )  # fmt: skip
    bylineless = factories.article(title="From the desk", category=newsroom["ai"])
    services.set_byline(article=bylineless, authors=[])
    return newsroom


@pytest.mark.parametrize("subject", SUBJECTS)
def test_atom_feeds_are_valid_rfc_4287(client, varied, subject):
    document = fetch(client, f"{SUBJECTS[subject]}feed/atom/").content
    assert atom_errors(document) == []
    assert len(etree.fromstring(document).findall(f"{ATOM}entry")) > 0


@pytest.mark.parametrize("subject", SUBJECTS)
def test_json_feeds_are_valid_json_feed_1_1(client, varied, subject):
    document = json.loads(fetch(client, f"{SUBJECTS[subject]}feed.json").content)
    assert json_errors(document) == []
    assert document["items"]


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize(("path", "version"), [("feed/", "rss20"), ("feed/atom/", "atom10")])
def test_feedparser_reads_every_feed_without_complaint(client, varied, subject, path, version):
    feed = feedparser.parse(fetch(client, f"{SUBJECTS[subject]}{path}").content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.entries
    assert all(e.title and e.link and e.id and e.published for e in feed.entries)


def test_the_atom_check_refuses_what_rfc_4287_forbids():
    """The validator can fail: an unknown attribute, an entry without id, author or link."""
    head = b'<feed xmlns="http://www.w3.org/2005/Atom"%s><title>t</title><id>tag:e.org,2026:f</id>'
    updated = b"<updated>2026-11-29T00:00:00Z</updated>"
    assert atom_errors(head % b"" + updated + b"</feed>") == []
    assert any("bogus" in e for e in atom_errors(head % b' bogus="1"' + updated + b"</feed>"))
    entry = b"<entry><title>e</title><id>tag:e.org,2026:e</id>" + updated + b"</entry>"
    errors = atom_errors(head % b"" + updated + entry + b"</feed>")
    assert "an entry without an author in a feed without one" in errors
    assert "an entry with neither an alternate link nor content" in errors
    assert atom_errors(head % b"" + updated + b"<entry><title>e</title></entry></feed>")


def test_the_json_feed_schema_refuses_what_the_specification_forbids():
    """The schema can fail: no content, a bad date, a relative URL, an unknown member."""
    broken = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "t",
        "home_page_url": "/relative/",
        "items": [{"id": "1", "date_published": "29 Nov 2026", "colour": "red"}],
    }
    errors = "\n".join(json_errors(broken))
    assert "['home_page_url']" in errors
    assert "'date_published'" in errors or "date-time" in errors
    assert "is not valid under any of the given schemas" in errors  # no content
    assert "colour" in errors
    assert json_errors({"version": "https://jsonfeed.org/version/1", "items": []})
