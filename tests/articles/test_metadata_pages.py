"""Home, archive, author, search and error pages describe themselves to crawlers.

Every property is read back from the rendered page (see ``metadata_reader``).
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.articles.metadata_reader import absolute, fetch
from tests.conftest import edit_site

pytestmark = pytest.mark.django_db


# Home -----------------------------------------------------------------------------


def test_home_is_a_website_with_a_search_box(client, newsroom):
    website = fetch(client, "/").item("WebSite")
    assert website["name"] == "The Test Gazette"
    assert website["url"] == absolute("/")
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == absolute("/search/?q={search_term_string}")
    assert action["query-input"] == "required name=search_term_string"


def test_home_names_its_publisher(client, newsroom):
    organization = fetch(client, "/").item("Organization")
    assert organization["name"] == "The Test Gazette"
    assert organization["url"] == absolute("/")
    assert organization["logo"]["url"] == absolute("/static/masthead/publisher-logo.png")


def test_home_is_described_by_the_tagline_and_canonical_to_the_root(client, newsroom):
    page = fetch(client, "/")
    assert page.description() == "News for tests"
    assert page.canonical() == absolute("/")
    assert (page.og_one("og:type"), page.og_one("og:title")) == ("website", "The Test Gazette")
    assert page.og_one("og:url") == absolute("/")
    assert page.twitter()["twitter:card"] == "summary"


def test_home_without_a_tagline_is_described_by_a_sentence_naming_the_site(client, newsroom):
    edit_site(tagline="")
    page = fetch(client, "/")
    assert page.description() == "The latest news from The Test Gazette."
    assert page.item("WebSite")["description"] == "The latest news from The Test Gazette."


# Archives -------------------------------------------------------------------------


def test_section_archive_is_a_collection_of_the_stories_it_lists(client, newsroom):
    page = fetch(client, "/category/chips/")
    collection = page.item("CollectionPage")
    chips = [s for s in newsroom["stories"] if s.category == newsroom["chips"]]
    assert collection["name"] == "Chips"
    assert collection["url"] == absolute("/category/chips/")
    assert collection["isPartOf"]["@type"] == "WebSite"
    assert collection["isPartOf"]["url"] == absolute("/")
    listed = collection["mainEntity"]["itemListElement"]
    assert [(i["position"], i["url"]) for i in listed] == [
        (n, absolute(s.get_absolute_url())) for n, s in enumerate(chips, start=1)
    ]
    assert listed[0]["name"] == chips[0].title


def test_section_archive_is_described_by_the_section_description(client, newsroom):
    newsroom["ai"].description = "Models, labs and\nthe rules around them."
    newsroom["ai"].save()
    page = fetch(client, "/category/ai/")
    assert page.description() == "Models, labs and the rules around them."
    assert page.item("CollectionPage")["description"] == page.description()


def test_archives_without_a_description_get_a_sentence_naming_the_subject(client, newsroom):
    day = newsroom["stories"][0].pub_date
    expected = {
        "/category/ai-policy/": "Stories in the AI › Policy section of The Test Gazette.",
        "/tag/gpus/": "Stories tagged “gpus” on The Test Gazette.",
        f"/{day:%Y}/": f"Stories published on The Test Gazette in {day:%Y}.",
        f"/{day:%Y/%m}/": f"Stories published on The Test Gazette in {day:%B %Y}.",
        f"/{day:%Y/%m/%d}/": (
            f"Stories published on The Test Gazette on {day:%B} {day.day}, {day.year}."
        ),
    }
    for path, sentence in expected.items():
        page = fetch(client, path)
        assert page.description() == sentence, path
        assert page.og_one("og:description") == sentence, path
        assert page.canonical() == absolute(path), path


def test_tag_and_date_archives_are_collection_pages(client, newsroom):
    day = newsroom["stories"][0].pub_date
    for path in ("/tag/models/", f"/{day:%Y}/", f"/{day:%Y/%m}/"):
        page = fetch(client, path)
        assert page.types() == ["CollectionPage"], path
        assert page.item("CollectionPage")["mainEntity"]["itemListElement"], path
        assert page.og_one("og:type") == "website"


def test_paginated_archive_is_canonical_to_itself_and_numbers_on(client, newsroom):
    edit_site(per_page=4)
    page = fetch(client, "/tag/models/page/2/")
    assert page.canonical() == absolute("/tag/models/page/2/")
    assert page.og_one("og:url") == absolute("/tag/models/page/2/")
    assert page.og_one("og:title") == "models – page 2"
    assert page.description().endswith(" Page 2.")
    positions = [
        i["position"] for i in page.item("CollectionPage")["mainEntity"]["itemListElement"]
    ]
    assert positions[0] == 5


def test_archive_reads_its_stories_once_for_the_list_and_the_metadata(client, newsroom):
    with CaptureQueriesContext(connection) as queries:
        fetch(client, "/category/ai/")
    story_reads = [q for q in queries if q["sql"].startswith('SELECT "articles_article"."id"')]
    assert len(story_reads) == 1


# Author pages ---------------------------------------------------------------------


def test_author_page_is_a_profile_of_a_person(client, newsroom):
    alice = newsroom["alice"]
    alice.role, alice.bio = "Chief AI reporter", "Alice covers labs.\nShe lives in Lyon."
    alice.avatar.save("alice.png", ContentFile(factories.png_bytes(96, 96)))
    page = fetch(client, "/author/alice/")
    profile = page.item("ProfilePage")
    assert profile["url"] == absolute("/author/alice/")
    assert profile["mainEntity"] == {
        "@type": "Person",
        "name": "Alice Reporter",
        "url": absolute("/author/alice/"),
        "jobTitle": "Chief AI reporter",
        "description": "Alice covers labs. She lives in Lyon.",
        "image": absolute(alice.avatar.url),
    }
    assert page.og_one("og:type") == "profile"
    assert page.og_one("og:title") == "Alice Reporter"
    assert page.description() == "Alice covers labs. She lives in Lyon."
    assert page.canonical() == absolute("/author/alice/")


def test_author_without_a_bio_is_described_by_their_role(client, newsroom):
    newsroom["bob"].bio = ""
    newsroom["bob"].save()
    page = fetch(client, "/author/bob/")
    assert page.description() == "Bob Writer, Staff reporter, writes for The Test Gazette."
    assert "description" not in page.item("ProfilePage")["mainEntity"]


# Pages that are not indexed -------------------------------------------------------


def test_search_page_keeps_noindex_and_has_no_canonical(client, newsroom):
    page = fetch(client, "/search/?q=story")
    assert page.doc.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.canonical() is None
    assert page.description() == "Search the stories of The Test Gazette."
    assert page.og_all("og:url") == []
    assert page.twitter()["twitter:card"] == "summary"


def test_not_found_page_has_a_description_and_cards_but_no_canonical(client, newsroom):
    page = fetch(client, "/no/such/page/", status=404)
    assert page.canonical() is None
    assert page.description() == "News for tests"
    assert page.og_one("og:site_name") == "The Test Gazette"
    assert page.jsonld == []
