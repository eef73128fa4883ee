"""The search backend of the database the suite runs on: matching, ranking, filters, snippets.

The same tests run on SQLite (FTS5) and on PostgreSQL (tsvector), since CI runs the
suite on both; ``get_backend()`` is whichever ``Auto`` picks.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection

from masthead.articles.models import Article, Category
from masthead.discovery.search.backends import (
    Auto,
    PostgresFullText,
    SearchBackend,
    SQLiteFTS5,
    get_backend,
)
from masthead.discovery.search.query import SearchQuery
from tests import factories
from tests.conftest import ago

pytestmark = pytest.mark.django_db


def titles(text: str, **options: Any) -> list[str]:
    """The titles found for ``text``, in the backend's order."""
    page = get_backend().search(SearchQuery(text, **options))
    found = Article.objects.in_bulk([hit.article_id for hit in page.hits])
    return [found[hit.article_id].title for hit in page.hits]


def snippets(text: str) -> list[str]:
    return [str(hit.snippet) for hit in get_backend().search(SearchQuery(text)).hits]


@pytest.fixture
def tech(db: Any) -> Category:
    return factories.CategoryFactory(name="Tech", slug="tech")


# The backend --------------------------------------------------------------------------------


def test_auto_picks_the_backend_made_for_the_database():
    expected = {"sqlite": SQLiteFTS5, "postgresql": PostgresFullText}[connection.vendor]
    backend = get_backend()
    assert isinstance(backend, Auto)
    assert type(backend.engine) is expected


def test_a_backend_can_be_named_in_settings(settings: Any):
    name = {"sqlite": "SQLiteFTS5", "postgresql": "PostgresFullText"}[connection.vendor]
    settings.MASTHEAD_SEARCH = {
        "default": {"BACKEND": f"masthead.discovery.search.backends.{name}", "OPTIONS": {"x": 1}}
    }
    backend = get_backend()
    assert type(backend).__name__ == name
    assert backend.options == {"x": 1}


def test_the_base_class_names_what_a_backend_must_do():
    with pytest.raises(NotImplementedError):
        SearchBackend().search(SearchQuery("x"))


# Matching and ranking ------------------------------------------------------------------------


def test_every_word_must_match(tech: Category):
    factories.article(title="Chip exports tighten", category=tech)
    factories.article(title="Chip prices fall", category=tech)
    assert titles("chip exports") == ["Chip exports tighten"]
    assert sorted(titles("chip")) == ["Chip exports tighten", "Chip prices fall"]


def test_a_title_match_ranks_above_a_body_match(tech: Category):
    factories.article(title="Weather report", body="A story about batteries, in passing.")
    factories.article(title="Batteries get cheaper", body="Prices fell again this year.")
    assert titles("batteries") == ["Batteries get cheaper", "Weather report"]


def test_english_words_are_found_by_their_stem(tech: Category):
    factories.article(title="Running the numbers", body="Analysts ran models.")
    factories.article(title="Regulators meet", body="New regulation is coming.")
    assert titles("run") == ["Running the numbers"]
    assert titles("runs") == ["Running the numbers"]
    assert titles("regulations") == ["Regulators meet"]


def test_dek_tags_and_author_names_are_searched(tech: Category):
    tag = factories.TagFactory(name="Quantum computing", slug="quantum")
    author = factories.AuthorFactory(name="Zhang Wei", slug="zhang-wei")
    factories.article(title="One", dek="A standfirst about lasers.")
    factories.article(title="Two", tags=[tag])
    factories.article(title="Three", authors=[author])
    assert titles("lasers") == ["One"]
    assert titles("quantum") == ["Two"]
    assert titles("zhang wei") == ["Three"]


def test_a_phrase_needs_its_words_together(tech: Category):
    factories.article(title="Open source wins", body="x")
    factories.article(title="Source says it is open", body="y")
    assert titles('"open source"') == ["Open source wins"]
    assert titles("open-source") == ["Open source wins"]


# Chinese, Japanese and mixed text --------------------------------------------------------------


def test_a_chinese_word_finds_the_headline_that_contains_it(tech: Category):
    factories.article(title="杭州成为人工智能创新中心", body="记者报道。", language="zh-Hans")
    factories.article(title="Hangzhou in English", body="No Chinese here.")
    assert titles("杭州") == ["杭州成为人工智能创新中心"]


def test_a_chinese_word_inside_a_body_sentence_is_found(tech: Category):
    factories.article(
        title="深圳硬件", body="今年，深圳的机器人公司获得了大量投资。", language="zh-Hans"
    )
    assert titles("机器人") == ["深圳硬件"]
    assert titles("投资") == ["深圳硬件"]


def test_part_of_a_chinese_word_is_found_by_its_characters(tech: Category):
    """The segmenter keeps 人工智能 whole; its pairs still find 智能 inside it."""
    factories.article(title="人工智能创新", body="正文。", language="zh-Hans")
    assert titles("智能") == ["人工智能创新"]
    assert titles("人工智能创新") == ["人工智能创新"]
    assert titles("能创") == ["人工智能创新"]
    assert titles("智人") == []


def test_japanese_is_found_by_any_part_of_a_sentence(tech: Category):
    factories.article(title="東京タワーの夜景", body="東京に住んでいます。", language="ja")
    assert titles("タワー") == ["東京タワーの夜景"]
    assert titles("住んで") == ["東京タワーの夜景"]
    assert titles("夜景") == ["東京タワーの夜景"]


def test_mixed_english_and_chinese_articles_are_found_in_both_languages(tech: Category):
    factories.article(
        title="AI芯片出口管制", body="The new export rules affect 英伟达 and other chip makers."
    )
    factories.article(title="Chip export rules", body="Regulators published the rules.")
    factories.article(title="芯片工厂", body="新工厂开始生产。")
    assert sorted(titles("芯片")) == ["AI芯片出口管制", "芯片工厂"]
    assert sorted(titles("export")) == ["AI芯片出口管制", "Chip export rules"]
    assert titles("英伟达 chip") == ["AI芯片出口管制"]
    assert titles("AI芯片") == ["AI芯片出口管制"]


# Snippets -------------------------------------------------------------------------------------


def test_snippets_mark_the_match_in_the_body(tech: Category):
    factories.article(title="Grid", body="The grid operators said batteries helped all summer.")
    (snippet,) = snippets("batteries")
    assert "<mark>batteries</mark>" in snippet


def test_snippets_escape_the_article_text(tech: Category):
    """Text that looks like HTML shows as text; the only tags are our marks."""
    factories.article(
        title="Script kiddies", body='Never paste `<script>alert("x")</script>` into a page.'
    )
    (snippet,) = snippets("paste")
    assert "alert(&quot;x&quot;)" in snippet
    assert "<script" not in snippet
    assert set(re.findall(r"</?(\w+)", snippet)) == {"mark"}
    if connection.vendor == "sqlite":
        # PostgreSQL's ts_headline leaves out what looks like a tag; FTS5 keeps it as text.
        assert "&lt;script&gt;alert" in snippet


def test_chinese_snippets_read_without_the_segmenting_spaces(tech: Category):
    factories.article(title="城市", body="杭州成为人工智能创新中心，吸引了很多公司。")
    (snippet,) = snippets("杭州")
    assert "<mark>杭州</mark>成为人工智能创新中心，吸引了很多公司" in snippet


# Who may be found -------------------------------------------------------------------------------


def test_drafts_scheduled_and_trashed_articles_are_never_found(tech: Category):
    factories.article(title="Draft pelican", status=Article.Status.DRAFT, published_at=None)
    factories.article(title="Scheduled pelican", published_at=ago(hours=-5))
    factories.article(title="Trashed pelican", status=Article.Status.TRASH)
    factories.article(title="Visible pelican")
    assert titles("pelican") == ["Visible pelican"]
    assert get_backend().search(SearchQuery("pelican")).total == 1


def test_an_article_is_found_once_published_and_gone_once_unpublished(tech: Category):
    from masthead.articles import services

    story = factories.article(title="Walrus news", status=Article.Status.DRAFT, published_at=None)
    assert titles("walrus") == []
    services.publish_article(article=story)
    assert titles("walrus") == ["Walrus news"]
    story.title = "Narwhal news"
    services.save_article(article=story)
    assert titles("walrus") == []
    assert titles("narwhal") == ["Narwhal news"]
    services.unpublish_article(article=story)
    assert titles("narwhal") == []
    services.publish_article(article=story)
    services.trash_article(article=story)
    assert titles("narwhal") == []


def test_a_scheduled_article_is_found_when_its_time_comes(tech: Category, monkeypatch: Any):
    from masthead.core import clock

    factories.article(title="Eclipse tomorrow", published_at=ago(hours=-20))
    assert titles("eclipse") == []
    later = clock.now() + timedelta(days=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert titles("eclipse") == ["Eclipse tomorrow"]


def test_a_deleted_article_leaves_the_index(tech: Category):
    story = factories.article(title="Ephemeral otter")
    story.delete()
    assert get_backend().search(SearchQuery("otter")).total == 0


def test_renaming_a_tag_or_an_author_reindexes_their_articles(tech: Category):
    tag = factories.TagFactory(name="Gizmos", slug="gizmos")
    author = factories.AuthorFactory(name="Pat Smith", slug="pat")
    factories.article(title="Review", tags=[tag], authors=[author])
    tag.name = "Widgets"
    tag.save()
    author.name = "Pat Jones"
    author.save()
    assert titles("widgets") == ["Review"]
    assert titles("gizmos") == []
    assert titles("jones") == ["Review"]


def test_the_index_is_written_in_the_publishing_transaction(tech: Category):
    """A publication that rolls back leaves no trace in the index."""
    from django.db import transaction

    from masthead.articles import services

    story = factories.article(
        title="Rollback heron", status=Article.Status.DRAFT, published_at=None
    )
    seen_inside = []

    def publish_then_fail() -> None:
        with transaction.atomic():
            services.publish_article(article=story)
            seen_inside.extend(titles("heron"))
            raise RuntimeError("the save failed")

    with pytest.raises(RuntimeError):
        publish_then_fail()
    assert seen_inside == ["Rollback heron"]
    assert titles("heron") == []


# Filters, order and windows -------------------------------------------------------------------


@pytest.fixture
def desk(tech: Category) -> dict[str, Any]:
    gadgets = factories.CategoryFactory(name="Gadgets", slug="gadgets", parent=tech)
    science = factories.CategoryFactory(name="Science", slug="science")
    ada = factories.AuthorFactory(name="Ada", slug="ada")
    bo = factories.AuthorFactory(name="Bo", slug="bo")
    made = {
        "old tech": factories.article(
            title="Robot arms, a history", category=tech, authors=[ada], published_at=ago(days=40)
        ),
        "gadget": factories.article(
            title="Robot vacuum review", category=gadgets, authors=[bo], published_at=ago(days=3)
        ),
        "science": factories.article(
            title="Robot surgeons robot robot",
            category=science,
            authors=[ada, bo],
            published_at=ago(days=1),
        ),
    }
    return {"tech": tech, "gadgets": gadgets, "science": science, "ada": ada, "bo": bo, **made}


def test_filter_by_section_includes_its_subsections(desk: dict[str, Any]):
    ids = (desk["tech"].pk, desk["gadgets"].pk)
    assert sorted(titles("robot", category_ids=ids)) == [
        "Robot arms, a history", "Robot vacuum review",
    ]  # fmt: skip


def test_filter_by_author(desk: dict[str, Any]):
    assert sorted(titles("robot", author_id=desk["bo"].pk)) == [
        "Robot surgeons robot robot", "Robot vacuum review",
    ]  # fmt: skip


def test_filter_by_dates(desk: dict[str, Any]):
    day = desk["gadget"].pub_date
    assert titles("robot", since=day, until=day) == ["Robot vacuum review"]
    assert sorted(titles("robot", until=day)) == ["Robot arms, a history", "Robot vacuum review"]


def test_sort_by_newest(desk: dict[str, Any]):
    assert titles("robot", sort="newest") == [
        "Robot surgeons robot robot", "Robot vacuum review", "Robot arms, a history",
    ]  # fmt: skip


def test_a_window_of_results_and_the_total(desk: dict[str, Any]):
    query = SearchQuery("robot", sort="newest")
    page = get_backend().search(query.window(1, 1))
    assert page.total == 3
    assert [h.article_id for h in page.hits] == [desk["gadget"].pk]
    assert get_backend().search(query.window(10, 5)).hits == []
    assert get_backend().search(query.window(0, 0)).total == 3


@pytest.mark.parametrize(
    "text",
    ['" * : ( ) NEAR OR AND -', "'; DROP TABLE discovery_searchentry; --", "x" * 1000,
     "NEAR(a b)", "title:robot", "robot*", "-robot", "AND", "\\", "'", "中", "の"],
)  # fmt: skip
def test_any_input_is_answered_without_error(desk: dict[str, Any], text: str):
    page = get_backend().search(SearchQuery(text))
    assert page.total >= 0


def test_search_syntax_in_the_query_is_searched_as_words(desk: dict[str, Any]):
    """No operator works: ``OR`` is a word every result must contain, ``*`` is nothing."""
    assert titles("robot*") == titles("robot")
    assert titles("vacuum OR surgeons") == []


def test_past_the_rank_window_the_newest_matches_are_ranked_and_older_ones_follow(
    tech: Category, settings: Any
):
    """With more matches than ``rank_window``, relevance ranks the newest of them only."""
    factories.article(title="Owls everywhere", body="Owls.", published_at=ago(days=9))
    factories.article(title="Birds", body="An owl, once.", published_at=ago(days=2))
    factories.article(title="Forest", body="One owl and then owls.", published_at=ago(days=1))
    assert titles("owl")[0] == "Owls everywhere"
    settings.MASTHEAD_SEARCH = {
        "default": {
            "BACKEND": "masthead.discovery.search.backends.Auto",
            "OPTIONS": {"rank_window": 2},
        }
    }
    ranked_newest = titles("owl")
    assert sorted(ranked_newest[:2]) == ["Birds", "Forest"]
    assert ranked_newest[2] == "Owls everywhere"
    straddling = get_backend().search(SearchQuery("owl").window(1, 2))
    assert len(straddling.hits) == 2
    assert straddling.total == 3
