"""The related-posts engine (``discovery.related``): what readers get, and how lists keep fresh.

Articles are published through the real services, so every list here was computed by
the receivers as an editor's publication would compute it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.template import Context

from masthead.articles import services
from masthead.articles.models import Article, Category, SiteSettings
from masthead.core import clock
from masthead.core.batchjobs import batched_upkeep
from masthead.discovery.backends import SharedTagsRule, get_backend
from masthead.discovery.models import ArticleTerm, IndexedArticle, RelatedLink, Term
from masthead.discovery.templatetags.discovery import related_articles
from tests import factories
from tests.conftest import ago, edit_site, soup, text

pytestmark = pytest.mark.django_db

FILLER = "Officials said more details would follow."
RULE = "masthead.discovery.backends.SharedTagsRule"


class Desk:
    """Sections Tech (with the subsection Gadgets) and Energy, tags a–d, site settings."""

    def __init__(self) -> None:
        SiteSettings.objects.create(name="The Test Gazette")
        self.tech = factories.CategoryFactory(name="Tech", slug="tech")
        self.gadgets = factories.CategoryFactory(name="Gadgets", slug="gadgets", parent=self.tech)
        self.energy = factories.CategoryFactory(name="Energy", slug="energy")
        self.tags = {n: factories.TagFactory(name=n, slug=n) for n in "abcd"}

    def story(
        self, title: str, body: str = FILLER, *, category: Category | None = None,
        tags: str = "", age: float = 1, **fields: Any,
    ) -> Article:  # fmt: skip
        """A story ``age`` hours old in ``category`` (Tech) tagged with the letters in ``tags``."""
        return factories.article(
            title=title, body=body, category=category or self.tech, published_at=ago(hours=age),
            tags=[self.tags[t] for t in tags], **fields,
        )  # fmt: skip

    def crowd(self, count: int = 8, *, words: str = "chip production demand") -> list[Article]:
        """``count`` stories in Energy that all use ``words``, so those words are common."""
        return [
            self.story(f"Story {i} on {words}", f"{words} {FILLER}", category=self.energy,
                       age=200 + i)
            for i in range(count)
        ]  # fmt: skip


@pytest.fixture
def desk(db: Any) -> Desk:
    return Desk()


@pytest.fixture
def small_lists(settings: Any) -> None:
    """Keep four links per list and refill a list that falls under four."""
    settings.MASTHEAD_RELATED = {
        "default": {
            "BACKEND": "masthead.discovery.related.backend.StoredLists",
            "OPTIONS": {"keep": 4, "refill_below": 4},
        }
    }


def related(article: Article, limit: int = 6) -> list[str]:
    return [a.title for a in get_backend().related(article, limit)]


def stored(article: Article) -> list[str]:
    """The titles of the stored list of ``article``, best first, visible or not."""
    links = RelatedLink.objects.filter(source=article).order_by("-score", "-target_id")
    return [link.target.title for link in links.select_related("target")]


def listed_at(article: Article) -> Any:
    return IndexedArticle.objects.get(article=article).listed_at


# What is related ---------------------------------------------------------------------------


def test_shared_rare_words_in_headlines_beat_shared_common_words(desk):
    desk.crowd()
    desk.story("Chip production demand keeps climbing", "chip production demand chip demand")
    desk.story("Taipei wafer fab delayed", "The wafer fab in Taipei needs more time.")
    subject = desk.story("Helio opens a wafer fab in Taipei", "chip production demand " + FILLER)
    assert related(subject, 1) == ["Taipei wafer fab delayed"]


def test_the_headline_weighs_more_than_the_body(desk):
    desk.crowd()
    desk.story("Lithium brine deal", FILLER, age=3)
    desk.story("Quarterly results", "A mention of lithium brine in passing. " + FILLER, age=2)
    subject = desk.story("Lithium brine prices fall", FILLER)
    assert related(subject, 2) == ["Lithium brine deal", "Quarterly results"]


def test_a_shared_tag_ranks_an_otherwise_equal_story_first(desk):
    desk.crowd()
    subject = desk.story("Helio wafer fab", tags="a")
    desk.story("Helio wafer fab, a second look", tags="b", age=2)
    desk.story("Helio wafer fab, a third look", tags="a", age=3)
    assert related(subject, 2) == [
        "Helio wafer fab, a third look",
        "Helio wafer fab, a second look",
    ]


def test_the_same_section_ranks_an_otherwise_equal_story_first(desk):
    desk.crowd()
    subject = desk.story("Helio wafer fab", category=desk.gadgets)
    desk.story("Helio wafer fab, elsewhere", category=desk.energy, age=2)
    desk.story("Helio wafer fab, next door", category=desk.tech, age=3)
    desk.story("Helio wafer fab, same desk", category=desk.gadgets, age=4)
    assert related(subject, 3) == [
        "Helio wafer fab, same desk", "Helio wafer fab, next door", "Helio wafer fab, elsewhere",
    ]  # fmt: skip


def test_a_story_from_the_same_time_ranks_an_otherwise_equal_older_one_first(desk):
    desk.crowd()
    subject = desk.story("Helio wafer fab", age=1)
    desk.story("Helio wafer fab, last year", age=24 * 400)
    desk.story("Helio wafer fab, this week", age=48)
    assert related(subject, 2) == ["Helio wafer fab, this week", "Helio wafer fab, last year"]


def test_chinese_stories_are_related_by_their_words(desk):
    desk.crowd()
    desk.story("欧盟讨论芯片出口规则", "布鲁塞尔的监管机构表示", age=3)
    desk.story("台积电在高雄扩产", "台积电表示新工厂明年投产", age=2)
    subject = desk.story("台积电扩产计划延后", "台积电的新工厂需要更多时间", language="zh-Hans")
    assert related(subject, 2) == ["台积电在高雄扩产", "欧盟讨论芯片出口规则"]


def test_translations_of_a_story_are_not_in_its_list(desk):
    desk.crowd()
    original = desk.story("Helio wafer fab", "The wafer fab in Taipei.")
    desk.story("Helio wafer fab (English edition)", "The wafer fab in Taipei.",
               translation_of=original, age=2)  # fmt: skip
    desk.story("Another wafer fab story", age=3)
    assert "Helio wafer fab (English edition)" not in related(original)
    assert related(original, 1) == ["Another wafer fab story"]


def test_the_article_itself_drafts_trash_and_scheduled_stories_are_never_shown(desk):
    subject = desk.story("Helio wafer fab")
    desk.story("Helio wafer fab draft", status=Article.Status.DRAFT)
    services.trash_article(article=desk.story("Helio wafer fab trashed"))
    factories.article(
        title="Helio wafer fab scheduled", category=desk.tech,
        published_at=clock.now() + timedelta(hours=2),
    )  # fmt: skip
    desk.story("Unrelated but visible", category=desk.energy, age=100)
    assert related(subject) == ["Unrelated but visible"]


def test_a_short_list_is_filled_from_the_section_then_from_anywhere(desk):
    subject = desk.story("Helio wafer fab")
    desk.story("Unrelated, elsewhere, newest", category=desk.energy, age=2)
    desk.story("Unrelated, same section", category=desk.gadgets, age=50)
    desk.story("Related", "Another Helio wafer fab story.", category=desk.energy, age=90)
    assert related(subject, 3) == [
        "Related", "Unrelated, same section", "Unrelated, elsewhere, newest",
    ]  # fmt: skip


def test_nothing_is_related_on_a_site_of_one_article(desk):
    assert related(desk.story("Alone")) == []


# What readers get ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 6])
def test_the_page_shows_as_many_as_site_settings_ask_for(desk, count):
    desk.crowd(10)
    subject = desk.story("Story 0 on chip production demand, again")
    edit_site(related_count=count)
    assert len(related_articles(Context({}), subject)) == count


def test_reading_a_stored_list_costs_one_query(desk, django_assert_num_queries):
    desk.crowd(10)
    subject = desk.story("Chip production demand")
    with django_assert_num_queries(1):
        found = get_backend().related(subject, 6)
    with django_assert_num_queries(0):  # sections and pictures came with it
        assert [(a.category.name, a.featured_image) for a in found] == [("Energy", None)] * 6


def test_the_article_page_shows_the_stored_list(client, desk):
    desk.crowd(3)
    desk.story("Taipei wafer fab delayed", "The wafer fab in Taipei needs more time.")
    subject = desk.story("Helio opens a wafer fab in Taipei")
    page = soup(client.get(subject.get_absolute_url()))
    titles = [text(h) for h in page.select(".related h3")]
    assert titles[0] == "Taipei wafer fab delayed"
    assert titles == related(subject)


def test_the_default_backend_keeps_lists_and_a_backend_that_does_not_keeps_none(desk, settings):
    desk.story("Helio wafer fab")
    assert RelatedLink.objects.count() == 0  # nothing else to relate yet
    desk.story("Helio wafer fab again")
    assert RelatedLink.objects.count() == 2
    settings.MASTHEAD_RELATED = {"default": {"BACKEND": RULE}}
    desk.story("Helio wafer fab once more")
    assert RelatedLink.objects.count() == 2


# Keeping lists fresh ------------------------------------------------------------------------


def test_publishing_enters_the_new_story_into_the_lists_it_belongs_in(desk):
    desk.crowd(10)
    subject = desk.story("Helio wafer fab in Taipei", age=5)
    before, computed = stored(subject), listed_at(subject)
    newcomer = desk.story("Taipei wafer fab: Helio's next step", age=1)
    assert stored(subject) == [newcomer.title, *before[:9]]
    assert listed_at(subject) == computed  # entered, not recomputed
    assert stored(newcomer)[0] == subject.title


def test_publishing_leaves_the_lists_it_does_not_belong_in_alone(desk, small_lists):
    crowd = desk.crowd(6)
    lists = {story.pk: stored(story) for story in crowd}
    desk.story("Cobalt mine strike", "Miners walked out on Monday.", category=desk.gadgets)
    assert {story.pk: stored(story) for story in crowd} == lists


@pytest.mark.parametrize("withdraw", [services.unpublish_article, services.trash_article])
def test_a_withdrawn_story_leaves_every_list_at_once(desk, withdraw):
    desk.crowd(4)
    stories = [desk.story(f"Helio wafer fab part {i}", age=10 + i) for i in range(4)]
    gone = stories[0]
    assert all(gone.title in stored(story) for story in stories[1:])
    withdraw(article=gone)
    assert not RelatedLink.objects.filter(target=gone).exists()
    assert not RelatedLink.objects.filter(source=gone).exists()
    assert all(gone.title not in related(story) for story in stories[1:])
    assert not ArticleTerm.objects.filter(article=gone).exists()


def test_spare_links_keep_a_list_full_when_a_story_is_withdrawn(desk):
    desk.crowd(10)
    subject = desk.story("Story 0 on chip production demand, again")
    shown = related(subject)
    services.unpublish_article(article=Article.objects.get(title=shown[0]))
    assert related(subject) == [*shown[1:], stored(subject)[5]]


def test_a_list_that_runs_short_is_recomputed(desk, small_lists):
    stories = [desk.story(f"Helio wafer fab part {i}", age=i) for i in range(5)]
    desk.story("Unrelated", category=desk.energy, age=100)
    subject = stories[0]
    assert len(stored(subject)) == 4
    assert "Unrelated" not in stored(subject)
    services.trash_article(article=stories[1])
    assert len(stored(subject)) == 4
    assert stories[1].title not in stored(subject)
    assert "Unrelated" in stored(subject)


def test_editing_a_story_changes_its_list_and_its_place_in_others(desk):
    desk.crowd()
    wafers = desk.story("Taipei wafer fab delayed", "The wafer fab needs more time.")
    batteries = desk.story("Solid-state battery plant opens", "The battery cells ship soon.")
    subject = desk.story("Helio wafer fab in Taipei", "A wafer fab. " + FILLER)
    assert related(subject, 1) == [wafers.title]
    subject.title, subject.body = "Helio bets on solid-state battery cells", "Battery plant news."
    services.save_article(article=subject)
    assert related(subject, 1) == [batteries.title]
    assert related(batteries, 1) == [subject.title]
    assert related(wafers, 1) != [subject.title]


def test_a_batch_lists_its_stories_at_its_end_and_counts_an_edit_once(desk):
    """An import's batch: publications and edits held, then listed together."""
    desk.crowd()
    wafers = desk.story("Taipei wafer fab delayed", "The wafer fab needs more time.")
    with transaction.atomic(), batched_upkeep() as run:
        subject = desk.story("Helio wafer fab in Taipei", "A wafer fab. " + FILLER)
        wafers.title = "Taipei wafer fab delayed again"
        services.save_article(article=wafers)
        assert stored(subject) == []
        run()
    assert related(subject, 1) == [wafers.title]
    assert related(wafers, 1) == [subject.title]
    documents = Term.objects.filter(text="").values_list("articles", flat=True)
    assert list(documents) == [10]  # eight in the crowd, the subject, and wafers once


def test_a_scheduled_story_is_listed_at_once_and_shown_when_its_time_comes(desk, monkeypatch):
    desk.crowd()
    subject = desk.story("Helio wafer fab in Taipei")
    later = factories.article(
        title="Helio wafer fab opens in Taipei", category=desk.tech,
        published_at=clock.now() + timedelta(hours=3),
    )  # fmt: skip
    assert stored(subject)[0] == later.title
    assert later.title not in related(subject)
    future = clock.now() + timedelta(hours=4)
    monkeypatch.setattr(clock, "now", lambda: future)
    assert related(subject)[0] == later.title


def test_a_list_led_by_scheduled_stories_still_shows_visible_ones(desk):
    """The first stories read stand in for scheduled ones; a list crowded with them is read on."""
    desk.crowd()
    subject = desk.story("Helio wafer fab in Taipei")
    for i in range(2):
        desk.story(f"Helio fab story {i}", age=2 + i)
    for i in range(4):
        factories.article(
            title="Helio wafer fab in Taipei", category=desk.tech,
            published_at=clock.now() + timedelta(hours=3 + i),
        )  # fmt: skip
    listed = stored(subject)
    assert listed[:4].count("Helio wafer fab in Taipei") >= 3  # too many to stand in for
    assert related(subject, 2) == [t for t in listed if t != "Helio wafer fab in Taipei"][:2]


def test_publication_counts_terms_in_and_withdrawal_counts_them_out(desk):
    def count(text: str) -> int:
        return Term.objects.filter(text=text).values_list("articles", flat=True).first() or 0

    desk.story("Helio wafer fab")
    second = desk.story("Another wafer")
    assert (count(""), count("wafer"), count("helio")) == (2, 2, 1)
    services.unpublish_article(article=second)
    assert (count(""), count("wafer"), count("helio")) == (1, 1, 1)


# Articles the engine has not seen ------------------------------------------------------------


def test_an_article_never_indexed_is_answered_by_the_shared_tags_rule(desk):
    desk.story("Helio wafer fab", tags="a")
    desk.story("Something else", tags="b", category=desk.energy)
    bulk = Article.objects.create(
        title="Imported in bulk", category=desk.tech, status=Article.Status.PUBLISHED,
        published_at=ago(hours=3), pub_date=ago(hours=3).date(), slug="imported",
    )  # fmt: skip
    bulk.tags.set([desk.tags["a"]])
    assert related(bulk) == [a.title for a in SharedTagsRule().related(bulk, 6)]
    assert not RelatedLink.objects.filter(source=bulk).exists()


def test_an_indexed_article_without_a_list_gets_one_when_first_read(desk):
    desk.crowd(3)
    subject = desk.story("Chip production demand")
    expected = related(subject)
    RelatedLink.objects.filter(source=subject).delete()
    IndexedArticle.objects.filter(article=subject).update(listed_at=None)
    assert related(subject) == expected
    assert stored(subject) == expected
    assert listed_at(subject) is not None
