"""The home page: lead story, latest stories, a block per section, You missed, site chrome."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile

from masthead.articles import services
from masthead.articles.models import Article, MenuItem, SiteSettings
from tests import factories
from tests.conftest import ago, edit_site, soup, text

pytestmark = pytest.mark.django_db


def home(client: Any) -> BeautifulSoup:
    response = client.get("/")
    assert response.status_code == 200
    return soup(response)


def links(doc: Any, scope: str = "") -> list[str]:
    """The story URLs of the teasers inside ``scope`` (a CSS selector), in page order."""
    return [a["href"] for a in doc.select(f"{scope} .teaser__title a".strip())]


def urls(articles: list[Article]) -> list[str]:
    return [a.get_absolute_url() for a in articles]


# Lead story and latest -------------------------------------------------------------


def test_lead_story_is_the_newest_when_none_is_marked(client, newsroom):
    assert links(home(client), ".front__lead") == [newsroom["stories"][0].get_absolute_url()]


def test_lead_story_is_the_one_marked_lead_even_when_older(client, newsroom):
    marked = newsroom["stories"][6]
    marked.is_lead = True
    services.save_article(article=marked)
    assert links(home(client), ".front__lead") == [marked.get_absolute_url()]


def test_lead_story_shows_its_headline_dek_and_byline(client, newsroom):
    lead = home(client).select_one(".front__lead")
    assert text(lead.select_one(".teaser__title")) == "Story number 0"
    assert text(lead.select_one(".teaser__dek")) == "What happened in story 0."
    assert [a["href"] for a in lead.select(".byline a")] == ["/author/alice/", "/author/bob/"]


def latest_grid(doc: BeautifulSoup) -> list[str]:
    return links(doc, ".front__latest") + links(doc, ".latest")


def test_latest_grid_lists_the_stories_after_the_lead_newest_first(client, newsroom):
    latest = latest_grid(home(client))
    assert len(latest) >= 3
    assert latest == urls(newsroom["stories"][1 : 1 + len(latest)])


def test_latest_grid_never_repeats_the_lead_story(client, newsroom):
    marked = newsroom["stories"][2]
    marked.is_lead = True
    services.save_article(article=marked)
    latest = latest_grid(home(client))
    assert marked.get_absolute_url() not in latest
    assert latest == urls([s for s in newsroom["stories"] if s != marked][: len(latest)])


def test_empty_site_says_nothing_is_published_yet(client, db):
    doc = home(client)
    assert doc.select(".front__lead") == []
    assert "Nothing has been published yet" in text(doc.select_one("main"))


# Section blocks --------------------------------------------------------------------


def section_titles(doc: BeautifulSoup) -> list[str]:
    return [text(h) for h in doc.select(".section-block .section-block__title")]


def block(doc: BeautifulSoup, slug: str) -> Any:
    title = doc.select_one(f'.section-block__title a[href="/category/{slug}/"]')
    assert title is not None, f"no block for {slug}"
    return title.find_parent("section")


def test_one_block_per_top_level_section_in_section_order(client, newsroom):
    assert section_titles(home(client)) == ["AI", "Chips"]


def test_section_block_title_links_to_the_section_archive(client, newsroom):
    assert text(block(home(client), "ai").select_one(".section-block__title a")) == "AI"


def test_subsections_have_no_block_of_their_own(client, newsroom):
    doc = home(client)
    assert doc.select('.section-block__title a[href="/category/ai-policy/"]') == []


@pytest.fixture
def backlist(newsroom: dict[str, Any]) -> list[Article]:
    """Three older stories in each of AI, AI > Policy and Chips, newest first."""
    made = [
        factories.article(title=f"Backlist {c.slug} {i}", category=c, published_at=ago(days=2 + i))
        for i in range(3)
        for c in (newsroom["ai"], newsroom["policy"], newsroom["chips"])
    ]
    return sorted(made, key=lambda a: a.published_at, reverse=True)


def everything(newsroom: dict[str, Any], backlist: list[Article]) -> list[Article]:
    return sorted(newsroom["stories"] + backlist, key=lambda a: a.published_at, reverse=True)


def test_section_block_holds_stories_of_the_section_and_its_subsections(client, newsroom, backlist):
    shown = links(block(home(client), "ai"))
    in_ai = [a for a in everything(newsroom, backlist) if a.category.top == newsroom["ai"]]
    ai_section = {a.get_absolute_url(): a.category.slug for a in in_ai}
    assert shown
    assert set(shown) <= set(ai_section)
    assert "ai-policy" in {ai_section[url] for url in shown}


def test_section_block_is_the_four_newest_of_the_section_and_its_subsections(
    client, newsroom, backlist
):
    """Each category is searched on its own; the block takes the newest four among them."""
    in_ai = [a for a in everything(newsroom, backlist) if a.category.top == newsroom["ai"]]
    assert links(block(home(client), "ai")) == urls(in_ai[:4])


def test_section_block_skips_a_story_scheduled_for_later(client, newsroom, backlist):
    factories.article(title="Not yet", category=newsroom["policy"], published_at=ago(days=-1))
    in_ai = [a for a in everything(newsroom, backlist) if a.category.top == newsroom["ai"]]
    assert links(block(home(client), "ai")) == urls(in_ai[:4])


def test_section_block_lists_its_stories_newest_first(client, newsroom, backlist):
    order = urls(everything(newsroom, backlist))
    shown = links(block(home(client), "ai"))
    assert shown == sorted(shown, key=order.index)


def test_section_block_holds_no_story_of_another_section(client, newsroom, backlist):
    chips = {
        a.get_absolute_url()
        for a in everything(newsroom, backlist)
        if a.category == newsroom["chips"]
    }
    doc = home(client)
    assert set(links(block(doc, "chips"))) <= chips
    assert chips.isdisjoint(links(block(doc, "ai")))


def test_section_without_stories_has_no_block(client, newsroom):
    factories.CategoryFactory(name="Empty desk", slug="empty-desk")
    assert "Empty desk" not in section_titles(home(client))


def test_new_top_level_section_gets_a_block(client, newsroom):
    science = factories.CategoryFactory(name="Science", slug="science", position=5)
    story = factories.article(title="Quantum news", category=science, published_at=ago(days=5))
    assert section_titles(home(client)) == ["AI", "Chips", "Science"]
    assert links(block(home(client), "science")) == [story.get_absolute_url()]


# You missed ------------------------------------------------------------------------


def test_you_missed_shows_four_stories_not_already_in_the_lead_or_latest(client, backlist):
    doc = home(client)
    missed = links(doc, ".you-missed")
    assert len(missed) == 4
    assert set(missed).isdisjoint(links(doc, ".front") + links(doc, ".latest"))


def test_you_missed_takes_the_newest_stories_after_the_lead_and_latest(client, newsroom, backlist):
    doc = home(client)
    on_top = set(links(doc, ".front") + links(doc, ".latest"))
    rest = [url for url in urls(everything(newsroom, backlist)) if url not in on_top]
    assert links(doc, ".you-missed") == rest[:4]


def test_you_missed_teasers_have_thumbnail_title_and_date(client, newsroom, backlist):
    first = home(client).select_one(".you-missed .teaser__title a")["href"]
    older = next(a for a in everything(newsroom, backlist) if a.get_absolute_url() == first)
    older.featured_image = factories.image(alt="Old picture")
    services.save_article(article=older)
    card = home(client).select_one(f'.you-missed a[href="{first}"]')
    teaser = card.find_parent("article")
    assert teaser.select_one("img")["alt"] == "Old picture"
    assert text(teaser.select_one(".teaser__title")) == older.title
    assert teaser.select_one("time[datetime]")


# Site settings and menu ------------------------------------------------------------


def test_site_name_and_tagline_come_from_site_settings(client, newsroom):
    doc = home(client)
    assert text(doc.select_one(".site-header .brand")) == "The Test Gazette"
    assert text(doc.select_one(".site-header .brand__tagline")) == "News for tests"
    assert "The Test Gazette" in doc.title.get_text()


def test_changing_the_site_name_and_tagline_changes_the_page(client, newsroom):
    home(client)  # the settings are now cached
    edit_site(name="The Evening Circuit", tagline="Chips after dark")
    doc = home(client)
    assert text(doc.select_one(".site-header .brand")) == "The Evening Circuit"
    assert text(doc.select_one(".site-header .brand__tagline")) == "Chips after dark"
    assert "The Evening Circuit" in text(doc.select_one(".site-footer"))


def test_footer_text_comes_from_site_settings(client, newsroom):
    home(client)
    edit_site(footer_text="© The Test Gazette cooperative")
    assert "© The Test Gazette cooperative" in text(home(client).select_one(".site-footer"))


def test_logo_replaces_the_site_name_when_set(client, newsroom):
    home(client)
    row = SiteSettings.objects.get()
    row.logo.save("logo.png", ContentFile(factories.png_bytes(300, 60)), save=True)
    logo = home(client).select_one(".site-header .brand img")
    assert logo["src"] == row.logo.url
    assert logo["alt"] == "The Test Gazette"
    # Its size is known before the file arrives, so the header never shifts.
    assert (logo["width"], logo["height"]) == ("300", "60")


def test_a_logo_missing_from_storage_still_renders_the_page(client, newsroom):
    row = SiteSettings.objects.get()
    row.logo.name = "site/gone.png"
    row.save()
    logo = home(client).select_one(".site-header .brand img")
    assert logo["src"].endswith("site/gone.png")
    assert not logo.has_attr("width")


def test_menu_lists_menu_items_in_their_order(client, newsroom):
    home(client)
    MenuItem.objects.create(label="Chips", url="/category/chips/", position=2)
    MenuItem.objects.create(label="AI", url="/category/ai/", position=1)
    menu = home(client).select(".site-header nav a")
    assert [(text(a), a["href"]) for a in menu] == [
        ("AI", "/category/ai/"),
        ("Chips", "/category/chips/"),
    ]


def test_removing_a_menu_item_removes_it_from_the_page(client, newsroom):
    item = MenuItem.objects.create(label="Chips", url="/category/chips/")
    assert [text(a) for a in home(client).select(".site-header nav a")] == ["Chips"]
    item.delete()
    assert home(client).select(".site-header nav a") == []


def test_home_page_has_one_h1_naming_the_site(client, newsroom):
    assert [text(h) for h in home(client).select("h1")] == ["The Test Gazette"]


def test_a_story_published_a_minute_ago_leads_the_home_page(client, db):
    story = factories.article(title="Just out", published_at=ago(minutes=1))
    assert links(home(client), ".front__lead") == [story.get_absolute_url()]


def test_a_site_with_hundreds_of_sections_still_gets_its_front_page(client, newsroom):
    """SQLite refuses a UNION of over 500 parts; an import once made 600 sections."""
    from masthead.articles.models import Category

    Category.objects.bulk_create(
        Category(name=f"Desk {n}", slug=f"desk-{n}", position=10 + n) for n in range(520)
    )
    last = Category.objects.get(slug="desk-519")
    factories.article(title="Filed at the last desk", category=last)
    response = client.get("/")
    assert response.status_code == 200
    assert "Filed at the last desk" in text(soup(response).select_one("main"))
