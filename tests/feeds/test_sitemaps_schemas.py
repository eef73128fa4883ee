"""Every file the sitemaps produce is valid against the official schemas (tests/schemas/).

sitemap.xsd lets other namespaces in only through strict wildcards, so a sitemap is
validated with sitemap-extensions.xsd, which brings in the image and news schemas: an
unknown or misplaced extension element is then an error, not a pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from lxml import etree

from masthead.feeds.sitemaps.base import Section
from tests import factories
from tests.conftest import ago
from tests.feeds.test_sitemaps import SITE, entries

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


INDEX = schema("siteindex.xsd")
SITEMAP = schema("sitemap-extensions.xsd")


def assert_valid(validator: etree.XMLSchema, content: bytes) -> etree._Element:
    doc = etree.fromstring(content)
    assert validator.validate(doc), validator.error_log
    return doc


@pytest.fixture
def rich_site(newsroom: dict[str, Any], monkeypatch: Any) -> dict[str, Any]:
    """Pictures, awkward titles, several languages, and pages of three URLs."""
    picture = factories.image()
    for i, (title, language) in enumerate(
        [("Chips & <GPUs> \"now\" — 'quoted'", "en-GB"), ("一次全部", "zh-Hant"), ("Ça va", "")]
    ):
        factories.article(
            title=title, language=language, featured_image=picture, published_at=ago(minutes=i + 1)
        )
    monkeypatch.setattr(Section, "limit", 3)
    return newsroom


def test_the_index_and_every_page_it_points_to_are_valid(client, rich_site):
    index = assert_valid(INDEX, client.get("/sitemap.xml").content)
    pages = list(entries(index))
    assert len(pages) > 5
    for page in pages:
        cache.clear()
        response = client.get(page.removeprefix(SITE))
        assert response.status_code == 200, page
        assert_valid(SITEMAP, response.content)


def test_the_story_pages_hold_image_entries_and_stay_valid(client, rich_site):
    doc = assert_valid(SITEMAP, client.get("/sitemap-articles.xml?p=5").content)
    assert doc.xpath("//*[local-name()='image']")


def test_the_news_sitemap_is_valid(client, rich_site):
    doc = assert_valid(SITEMAP, client.get("/news-sitemap.xml").content)
    assert len(doc) == 12
    assert doc.xpath("//*[local-name()='image']")


def test_the_validator_rejects_a_wrong_extension_element(client, rich_site):
    """Guard the guard: strict wildcards really do check the image and news elements."""
    good = client.get("/news-sitemap.xml").content
    for bad in (
        good.replace(b"<image:loc>", b"<image:where>").replace(b"</image:loc>", b"</image:where>"),
        good.replace(b"<news:language>en</news:language>", b"<news:language>en-GB</news:language>"),
    ):
        assert bad != good
        assert not SITEMAP.validate(etree.fromstring(bad))
