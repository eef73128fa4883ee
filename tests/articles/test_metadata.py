"""Article pages tell search engines and link previews what the story is.

Every property is read back from the rendered page (see ``metadata_reader``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage

from masthead.articles.models import Article, SiteSettings
from tests import factories
from tests.articles.metadata_reader import HOST, Page, absolute, fetch, stored_size
from tests.conftest import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def pictured(newsroom: dict[str, Any]) -> Any:
    """A subsection story with a 1600 px wide picture, two authors, tags and a dek."""
    return factories.article(
        title="Chips act passes",
        dek="Lawmakers agreed on subsidies.",
        category=newsroom["policy"],
        authors=[newsroom["bob"], newsroom["alice"]],
        tags=newsroom["tags"][:2],
        featured_image=factories.image(alt="A wafer under light", width=1600, height=1000),
    )


# Articles: OpenGraph and Twitter ---------------------------------------------------


def test_article_is_canonical_to_its_absolute_url(client, pictured):
    page = fetch(client, pictured.get_absolute_url())
    url = absolute(pictured.get_absolute_url())
    assert page.canonical() == url
    assert page.og_one("og:url") == url


def test_article_description_is_its_dek(client, pictured):
    page = fetch(client, pictured.get_absolute_url())
    assert page.description() == "Lawmakers agreed on subsidies."
    assert page.og_one("og:description") == "Lawmakers agreed on subsidies."


def test_article_without_a_dek_is_described_by_its_excerpt(client, newsroom):
    story = factories.article(title="Plain", body="First words of the body.\n\nMore.")
    assert fetch(client, story.get_absolute_url()).description() == story.excerpt
    assert story.excerpt.startswith("First words of the body.")


def test_article_opengraph_names_the_site_the_story_and_its_language(client, pictured):
    page = fetch(client, pictured.get_absolute_url())
    assert page.og_one("og:site_name") == "The Test Gazette"
    assert page.og_one("og:type") == "article"
    assert page.og_one("og:title") == "Chips act passes"
    assert page.og_one("og:locale") == "en"


def test_article_opengraph_carries_dates_section_tags_and_authors(client, pictured, newsroom):
    page = fetch(client, pictured.get_absolute_url())
    assert page.og_one("article:published_time") == pictured.published_at.isoformat(
        timespec="seconds"
    )
    assert page.og_one("article:modified_time") == page.og_one("article:published_time")
    assert page.og_one("article:section") == "Policy"
    assert page.og_all("article:tag") == ["gpus", "models"]
    assert page.og_all("article:author") == [absolute("/author/bob/"), absolute("/author/alice/")]


def test_article_picture_is_shared_at_1200_pixels_with_its_real_size_and_alt(client, pictured):
    page = fetch(client, pictured.get_absolute_url())
    url = page.og_one("og:image")
    assert url.startswith(f"{HOST}/media/")
    assert stored_size(url) == (1200, 750)
    assert (page.og_one("og:image:width"), page.og_one("og:image:height")) == ("1200", "750")
    assert page.og_one("og:image:alt") == "A wafer under light"


def test_article_with_a_picture_has_a_large_twitter_card(client, pictured):
    page = fetch(client, pictured.get_absolute_url())
    assert page.twitter() == {
        "twitter:card": "summary_large_image",
        "twitter:title": "Chips act passes",
        "twitter:description": "Lawmakers agreed on subsidies.",
        "twitter:image": page.og_one("og:image"),
        "twitter:image:alt": "A wafer under light",
    }


def test_article_without_a_picture_has_a_summary_card_and_no_image(client, newsroom):
    story = factories.article(title="Words only", dek="Just text.")
    page = fetch(client, story.get_absolute_url())
    assert page.twitter() == {
        "twitter:card": "summary", "twitter:title": "Words only",
        "twitter:description": "Just text.",
    }  # fmt: skip
    assert page.og_all("og:image") == []
    assert "image" not in page.item("NewsArticle")


# Articles: JSON-LD ----------------------------------------------------------------


def test_news_article_describes_the_story(client, pictured):
    page = fetch(client, pictured.get_absolute_url())
    item = page.item("NewsArticle")
    url = absolute(pictured.get_absolute_url())
    assert item["@context"] == "https://schema.org"
    assert item["headline"] == "Chips act passes"
    assert item["description"] == "Lawmakers agreed on subsidies."
    assert item["url"] == url
    assert item["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert item["inLanguage"] == "en"
    assert item["articleSection"] == "Policy"
    assert item["keywords"] == ["gpus", "models"]
    assert item["isAccessibleForFree"] is True
    assert "isBasedOn" not in item


def test_news_article_names_each_byline_author_with_their_page(client, pictured):
    authors = fetch(client, pictured.get_absolute_url()).item("NewsArticle")["author"]
    assert authors == [
        {"@type": "Person", "name": "Bob Writer", "url": absolute("/author/bob/")},
        {"@type": "Person", "name": "Alice Reporter", "url": absolute("/author/alice/")},
    ]


def test_news_article_dates_are_publication_then_last_content_change(client, pictured):
    edited = pictured.published_at + timedelta(minutes=45)
    Article.objects.filter(pk=pictured.pk).update(content_updated_at=edited)
    page = fetch(client, pictured.get_absolute_url())
    item = page.item("NewsArticle")
    assert item["datePublished"] == pictured.published_at.isoformat(timespec="seconds")
    assert item["dateModified"] == edited.isoformat(timespec="seconds")
    assert page.og_one("article:modified_time") == item["dateModified"]


def test_news_article_image_is_the_1200_rendition_at_its_real_size(client, pictured):
    images = fetch(client, pictured.get_absolute_url()).item("NewsArticle")["image"]
    assert len(images) == 1
    assert images[0]["@type"] == "ImageObject"
    assert images[0]["url"].endswith("-1200.jpg")
    assert stored_size(images[0]["url"]) == (images[0]["width"], images[0]["height"])
    assert images[0]["width"] == 1200


def test_picture_exactly_1200_wide_is_offered_as_itself(client, newsroom):
    story = factories.article(title="Exact", featured_image=factories.image(width=1200, height=800))
    images = fetch(client, story.get_absolute_url()).item("NewsArticle")["image"]
    assert [(i["width"], i["height"]) for i in images] == [(1200, 800)]
    assert stored_size(images[0]["url"]) == (1200, 800)


def test_picture_narrower_than_1200_is_left_out_of_structured_data_but_shared(client, newsroom):
    """Search engines want 1200 px for article images; link previews take what there is."""
    story = factories.article(title="Small", featured_image=factories.image(width=900, height=600))
    page = fetch(client, story.get_absolute_url())
    assert "image" not in page.item("NewsArticle")
    assert stored_size(page.og_one("og:image")) == (900, 600)
    assert page.og_one("og:image:width") == "900"
    assert page.twitter()["twitter:card"] == "summary_large_image"


def test_news_article_publisher_has_the_default_logo_at_its_real_size(client, pictured):
    publisher = fetch(client, pictured.get_absolute_url()).item("NewsArticle")["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "The Test Gazette"
    assert publisher["url"] == absolute("/")
    logo = publisher["logo"]
    assert logo["url"] == absolute("/static/masthead/publisher-logo.png")
    with PILImage.open(finders.find("masthead/publisher-logo.png")) as drawn:
        assert drawn.size == (logo["width"], logo["height"])


def test_publisher_logo_is_the_sites_own_when_it_has_one(client, pictured):
    row = SiteSettings.objects.get()
    row.logo.save("gazette.png", ContentFile(factories.png_bytes(600, 120)))
    logo = fetch(client, pictured.get_absolute_url()).item("NewsArticle")["publisher"]["logo"]
    assert logo["url"] == absolute(SiteSettings.objects.get().logo.url)
    assert (logo["width"], logo["height"]) == (600, 120)


def test_syndicated_story_is_based_on_the_original(client, newsroom):
    syndicated = newsroom["stories"][3]
    item = fetch(client, syndicated.get_absolute_url()).item("NewsArticle")
    assert item["isBasedOn"] == "https://harbour-wire.example/2026/story-3"


def test_syndicated_story_without_its_own_link_is_based_on_the_source(client, newsroom):
    story = factories.article(title="From the wire", source=newsroom["source"])
    item = fetch(client, story.get_absolute_url()).item("NewsArticle")
    assert item["isBasedOn"] == "https://harbour-wire.example/"


def test_chinese_article_states_its_language(client, pictured):
    chinese = factories.article(
        title="芯片法案通过", language="zh-Hans", translation_of=pictured,
        category=pictured.category,
    )  # fmt: skip
    page = fetch(client, chinese.get_absolute_url())
    assert page.item("NewsArticle")["inLanguage"] == "zh-Hans"
    assert page.item("NewsArticle")["headline"] == "芯片法案通过"
    assert page.og_one("og:locale") == "zh_CN"
    assert page.og_all("og:locale:alternate") == ["en"]
    assert fetch(client, pictured.get_absolute_url()).og_all("og:locale:alternate") == ["zh_CN"]


def test_breadcrumbs_lead_from_home_through_section_and_subsection(client, pictured):
    trail = fetch(client, pictured.get_absolute_url()).item("BreadcrumbList")["itemListElement"]
    assert [(s["position"], s["name"], s["item"]) for s in trail] == [
        (1, "The Test Gazette", absolute("/")),
        (2, "AI", absolute("/category/ai/")),
        (3, "Policy", absolute("/category/ai-policy/")),
        (4, "Chips act passes", absolute(pictured.get_absolute_url())),
    ]


def test_headline_cannot_break_out_of_the_json_ld_script(client, newsroom):
    title = "</script><script>alert(1)</script> & <!-- more"
    story = factories.article(title=title)
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    scripts = soup(response).select('script[type="application/ld+json"]')
    assert len(scripts) == 2
    assert all("<" not in s.string and "&" not in s.string for s in scripts)
    assert Page(response).item("NewsArticle")["headline"] == title


def test_article_metadata_costs_no_extra_query(client, pictured):
    """The tags are read once, for the head and the tag list at the foot of the story."""
    with CaptureQueriesContext(connection) as queries:
        fetch(client, pictured.get_absolute_url())
    tag_reads = [q for q in queries if '"articles_article_tags"' in q["sql"]]
    assert len(tag_reads) == 1
