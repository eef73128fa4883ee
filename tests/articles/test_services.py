"""``articles.services``: what saving, publishing and withdrawing an article does."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from masthead.articles import services, signals
from masthead.articles.models import Article, Revision
from masthead.core import clock
from tests import factories
from tests.conftest import ago

pytestmark = pytest.mark.django_db


def noon(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 12, tzinfo=UTC)


# Rendering ---------------------------------------------------------------------------------


def test_saving_renders_the_markdown_body_to_html(db):
    story = factories.article(body="Some **bold** words.\n\n- one\n- two")
    assert "<strong>bold</strong>" in story.body_html
    assert "<li>one</li>" in story.body_html


def test_saving_sanitizes_the_rendered_body(db):
    story = factories.article(
        body='Hi <script>alert(1)</script><img src="x.png" onerror="alert(2)">'
    )
    assert "<script" not in story.body_html
    assert "onerror" not in story.body_html


def test_rendered_body_is_refreshed_when_the_markdown_changes(db):
    story = factories.article(body="First version.")
    story.body = "Second *version*."
    services.save_article(article=story)
    story.refresh_from_db()
    assert "<em>version</em>" in story.body_html
    assert "First" not in story.body_html


def test_excerpt_is_the_dek_when_there_is_one(db):
    story = factories.article(dek="The short of it.", body="A long body " * 50)
    assert story.excerpt == "The short of it."


def test_excerpt_is_the_start_of_the_body_text_without_a_dek(db):
    story = factories.article(
        body="Plain **words** that open the story.\n\n" + "More words. " * 100
    )
    assert story.excerpt.startswith("Plain words that open the story.")
    assert "<" not in story.excerpt
    assert len(story.excerpt) <= 221
    assert story.excerpt.endswith("…")


def test_word_count_counts_the_body_words(db):
    story = factories.article(body="One two three.\n\n## Four five\n\n- six")
    assert story.word_count == 6


def test_word_count_counts_each_chinese_character(db):
    assert factories.article(body="人工智能").word_count == 4


@pytest.mark.parametrize(("words", "minutes"), [(10, 1), (230, 1), (690, 3), (2300, 10)])
def test_reading_time_is_words_over_230_rounded_and_at_least_one(db, words, minutes):
    assert factories.article(body="word " * words).reading_minutes == minutes


# Slugs -------------------------------------------------------------------------------------


def test_slug_comes_from_the_title(db):
    assert factories.article(title="Chips Act: What Changes?").slug == "chips-act-what-changes"


def test_chinese_title_keeps_a_readable_chinese_slug(db):
    story = factories.article(title="杭州成为人工智能创新中心")
    assert story.slug == "杭州成为人工智能创新中心"


def test_article_with_a_chinese_slug_is_served_at_its_url(client, db):
    story = factories.article(title="杭州成为人工智能创新中心")
    assert client.get(story.get_absolute_url()).status_code == 200


def test_emoji_only_title_gets_a_non_empty_slug(db):
    story = factories.article(title="🚀🔥")
    assert story.slug
    assert story.slug.strip("-_")


def test_emoji_only_title_gets_the_same_slug_every_time(db):
    first = factories.article(title="🚀🔥", published_at=noon(2024, 5, 1))
    second = factories.article(title="🚀🔥", published_at=noon(2024, 5, 2))
    assert first.slug == second.slug


def test_different_emoji_titles_get_different_slugs(db):
    assert factories.article(title="🚀🔥").slug != factories.article(title="🌧️☔").slug


def test_emoji_story_is_served_at_its_url(client, db):
    story = factories.article(title="🚀🔥")
    assert client.get(story.get_absolute_url()).status_code == 200


def test_emoji_are_dropped_from_a_title_with_words(db):
    assert factories.article(title="Launch day 🚀").slug == "launch-day"


def test_same_title_on_the_same_day_gets_a_numbered_slug(db):
    day = noon(2024, 5, 1)
    slugs = [factories.article(title="Daily briefing", published_at=day).slug for _ in range(3)]
    assert slugs == ["daily-briefing", "daily-briefing-2", "daily-briefing-3"]


def test_same_title_on_another_day_keeps_the_plain_slug(db):
    first = factories.article(title="Daily briefing", published_at=noon(2024, 5, 1))
    second = factories.article(title="Daily briefing", published_at=noon(2024, 5, 2))
    assert first.slug == second.slug == "daily-briefing"


def test_saving_again_keeps_the_articles_own_slug(db):
    story = factories.article(title="Daily briefing", published_at=noon(2024, 5, 1))
    story.body = "Edited."
    services.save_article(article=story)
    assert story.slug == "daily-briefing"


def test_publication_day_is_set_from_the_publication_time(db):
    story = factories.article(published_at=noon(2024, 5, 1))
    assert story.get_absolute_url().startswith("/2024/05/01/")


# Revisions ---------------------------------------------------------------------------------


def test_a_revision_is_stored_at_every_save(db):
    story = factories.article(title="First title")
    story.title = "Second title"
    services.save_article(article=story)
    services.publish_article(article=story)
    assert Revision.objects.filter(article=story).count() == 3


def test_revision_holds_the_words_and_status_as_saved(db):
    story = factories.article(title="Title", body="Body one", dek="Dek one")
    story.body = "Body two"
    services.save_article(article=story)
    newest = Revision.objects.filter(article=story).first()
    assert (newest.title, newest.dek, newest.body, newest.status) == (
        "Title", "Dek one", "Body two", Article.Status.PUBLISHED,
    )  # fmt: skip


def test_revision_records_who_saved(db):
    editor = factories.person("Editor")
    story = factories.article()
    services.save_article(article=story, by=editor)
    assert Revision.objects.filter(article=story).first().by == editor


def test_save_without_revision_stores_none(db):
    story = factories.article()
    services.save_article(article=story, revision=False)
    assert Revision.objects.filter(article=story).count() == 1


# Signals ------------------------------------------------------------------------------------


@pytest.fixture
def sent() -> Iterator[list[tuple[str, str]]]:
    """Record (signal name, article title) for every article signal sent during the test."""
    heard: list[tuple[str, str]] = []
    names = ("article_published", "article_changed", "article_unpublished")
    receivers = {}
    for name in names:

        def receiver(sender: Any, article: Article, name: str = name, **kwargs: Any) -> None:
            heard.append((name, article.title))

        receivers[name] = receiver
        getattr(signals, name).connect(receiver)
    yield heard
    for name, receiver in receivers.items():
        getattr(signals, name).disconnect(receiver)


def test_creating_a_published_article_sends_article_published(db, sent):
    factories.article(title="Out now")
    assert sent == [("article_published", "Out now")]


def test_creating_a_draft_sends_nothing(db, sent):
    factories.article(title="Not yet", status=Article.Status.DRAFT)
    assert sent == []


def test_saving_a_draft_again_sends_nothing(db, sent):
    draft = factories.article(title="Not yet", status=Article.Status.DRAFT)
    draft.body = "Still drafting."
    services.save_article(article=draft)
    assert sent == []


def test_publishing_a_draft_sends_article_published(db, sent):
    draft = factories.article(title="Going live", status=Article.Status.DRAFT, published_at=None)
    services.publish_article(article=draft)
    assert sent == [("article_published", "Going live")]


def test_saving_a_published_article_sends_article_changed(db, sent):
    story = factories.article(title="Live")
    story.body = "Corrected."
    services.save_article(article=story)
    assert sent == [("article_published", "Live"), ("article_changed", "Live")]


def test_unpublishing_sends_article_unpublished(db, sent):
    story = factories.article(title="Withdrawn")
    services.unpublish_article(article=story)
    assert sent[-1] == ("article_unpublished", "Withdrawn")
    assert len(sent) == 2


def test_trashing_a_published_article_sends_article_unpublished(db, sent):
    story = factories.article(title="Binned")
    services.trash_article(article=story)
    assert sent[-1] == ("article_unpublished", "Binned")


def test_trashing_a_draft_sends_nothing(db, sent):
    draft = factories.article(title="Never out", status=Article.Status.DRAFT)
    services.trash_article(article=draft)
    assert sent == []


def test_signal_carries_who_made_the_change(db):
    editor = factories.person("Editor")
    seen: list[Any] = []

    def receiver(sender: Any, article: Article, by: Any, **kwargs: Any) -> None:
        seen.append(by)

    signals.article_published.connect(receiver)
    try:
        draft = factories.article(status=Article.Status.DRAFT)
        services.publish_article(article=draft, by=editor)
    finally:
        signals.article_published.disconnect(receiver)
    assert seen == [editor]


# Publishing ------------------------------------------------------------------------------------


def test_publishing_a_draft_without_a_time_publishes_it_now(db):
    draft = factories.article(status=Article.Status.DRAFT, published_at=None)
    before = clock.now()
    services.publish_article(article=draft)
    assert before <= draft.published_at <= clock.now()
    assert draft.is_visible


def test_publishing_with_a_future_time_schedules_the_article(db):
    draft = factories.article(status=Article.Status.DRAFT, published_at=None)
    later = clock.now() + timedelta(hours=3)
    services.publish_article(article=draft, at=later)
    assert draft.published_at == later
    assert not draft.is_visible
    assert Article.objects.scheduled().filter(pk=draft.pk).exists()


# "Updated" time -----------------------------------------------------------------------------------


def test_new_article_has_no_update_time(db):
    assert factories.article().content_updated_at is None


@pytest.mark.parametrize("field", ["title", "dek", "body"])
def test_changing_the_words_of_a_published_article_sets_the_update_time(db, field):
    story = factories.article(published_at=ago(days=1))
    setattr(story, field, "Different words")
    before = clock.now()
    services.save_article(article=story)
    assert story.content_updated_at is not None
    assert story.content_updated_at >= before
    assert story.was_updated


def test_saving_a_published_article_with_the_same_words_keeps_no_update_time(db):
    story = factories.article(published_at=ago(days=1))
    services.save_article(article=story, tags=[factories.TagFactory()])
    story.is_lead = True
    services.save_article(article=story)
    assert story.content_updated_at is None


def test_editing_a_draft_sets_no_update_time(db):
    draft = factories.article(status=Article.Status.DRAFT)
    draft.body = "Rewritten before publication."
    services.save_article(article=draft)
    assert draft.content_updated_at is None


def test_editing_a_scheduled_article_sets_no_update_time(db):
    scheduled = factories.article(published_at=clock.now() + timedelta(days=1))
    scheduled.body = "Rewritten before it goes out."
    services.save_article(article=scheduled)
    assert scheduled.content_updated_at is None


def test_an_earlier_update_time_is_kept_when_only_metadata_changes(db):
    story = factories.article(published_at=ago(days=2))
    story.body = "Corrected."
    services.save_article(article=story)
    first_update = story.content_updated_at
    story.comments_open = False
    services.save_article(article=story)
    story.refresh_from_db()
    assert story.content_updated_at == first_update


# Byline -----------------------------------------------------------------------------------------


def test_byline_keeps_the_order_given(db):
    alice, bob = factories.AuthorFactory(slug="alice"), factories.AuthorFactory(slug="bob")
    story = factories.article(authors=[bob, alice])
    assert [a.slug for a in Article.objects.get(pk=story.pk).byline] == ["bob", "alice"]


def test_byline_names_an_author_given_twice_only_once(db):
    alice = factories.AuthorFactory(slug="alice")
    story = factories.article(authors=[alice, alice])
    assert [a.slug for a in story.byline] == ["alice"]


def test_withdrawn_and_republished_article_keeps_its_address(db):
    story = factories.article(title="Back again", published_at=noon(2024, 5, 1))
    address = story.get_absolute_url()
    services.unpublish_article(article=story)
    services.publish_article(article=story)
    assert story.get_absolute_url() == address == "/2024/05/01/back-again/"


def test_a_new_byline_keeps_the_rows_of_the_names_that_stay(newsroom):
    """A form opened before the save still names the same byline rows (ids stay)."""
    alice, bob = newsroom["alice"], newsroom["bob"]
    carol = factories.AuthorFactory(name="Carol")
    story = factories.article(authors=[alice, bob])
    kept = {link.author_id: link.pk for link in story.authorships.all()}
    services.set_byline(article=story, authors=[bob, carol])
    links = list(story.authorships.order_by("position"))
    assert [link.author for link in links] == [bob, carol]
    assert links[0].pk == kept[bob.pk]
