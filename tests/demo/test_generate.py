"""``masthead generate``: volume articles whose derived fields are as right as saved ones."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.utils import timezone

from masthead.articles.models import (
    Article,
    ArticleAuthor,
    Author,
    Category,
    Image,
    Tag,
)
from masthead.comments.models import Comment
from masthead.core import clock, generation
from masthead.core.slugs import make_slug
from masthead.demo import generate, topics
from masthead.demo.generate import ArticleTag
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Drawn pictures and avatars go to a throwaway folder; a small pool keeps tests quick."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(generate, "POOL_SIZE", 3)


def run(*args: str, **options: Any) -> str:
    """Run ``generate`` and return what it printed."""
    out = StringIO()
    call_command("generate", *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_it_adds_the_asked_number_of_articles():
    output = run(articles=30)
    assert Article.objects.count() == 30
    assert output.startswith("Made 30 articles and ")


def test_published_articles_have_their_derived_fields_filled():
    run(articles=30)
    for article in Article.objects.filter(status=Article.Status.PUBLISHED):
        assert article.title
        assert article.dek
        assert article.body
        assert "<h2>" in article.body_html
        assert "<p>" in article.body_html
        assert article.excerpt
        assert len(article.excerpt) <= 221
        assert 250 <= article.word_count <= 800
        assert article.reading_minutes == max(1, round(article.word_count / 230))
        assert article.pub_date == timezone.localdate(article.published_at)
        assert article.slug.startswith(make_slug(article.title)[:40])


def test_visible_articles_were_published_in_the_last_two_years():
    run(articles=30)
    now = clock.now()
    for article in Article.objects.published():
        assert now - timedelta(days=731) <= article.published_at <= now
    assert not Article.objects.scheduled().exists()


def test_a_few_percent_are_drafts():
    run(articles=200)
    drafts = Article.objects.filter(status=Article.Status.DRAFT).count()
    assert 0 < drafts < 20


def test_drafts_have_no_publication_time_day_or_comments(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(generate, "DRAFT_SHARE", 0.5)
    run(articles=20)
    drafts = Article.objects.filter(status=Article.Status.DRAFT)
    assert drafts.exists()
    assert not drafts.filter(pub_date__isnull=False).exists()
    assert not drafts.filter(published_at__isnull=False).exists()
    assert not Comment.objects.filter(article__in=drafts).exists()


def test_slugs_are_unique_on_each_day_even_after_several_runs():
    run(articles=30)
    run(articles=30)
    run(articles=30, seed=2)
    assert Article.objects.count() == 90
    pairs = Counter(Article.objects.filter(pub_date__isnull=False).values_list("pub_date", "slug"))
    assert max(pairs.values()) == 1
    assert len(set(Article.objects.values_list("slug", flat=True))) == 90


def test_running_again_writes_new_stories_rather_than_copies():
    run(articles=10)
    run(articles=10)
    assert len(set(Article.objects.values_list("body", flat=True))) == 20


def test_every_article_has_a_byline_of_one_or_two_and_two_to_five_tags():
    run(articles=30)
    counted = Article.objects.annotate(
        bylines=Count("authorships", distinct=True), tag_count=Count("tags", distinct=True)
    )
    for article in counted:
        assert 1 <= article.bylines <= 2
        assert 2 <= article.tag_count <= 5
    positions = set(ArticleAuthor.objects.values_list("position", flat=True))
    assert positions <= {0, 1}


def test_comments_are_mostly_approved_with_a_few_pending():
    run(articles=60)
    statuses = Counter(Comment.objects.values_list("status", flat=True))
    assert statuses[Comment.Status.APPROVED] > 30
    assert 0 < statuses[Comment.Status.PENDING] < statuses[Comment.Status.APPROVED] / 5
    assert set(statuses) == {Comment.Status.APPROVED, Comment.Status.PENDING}
    comment = Comment.objects.first()
    assert comment.author_name
    assert comment.body
    assert comment.author_email.endswith("@example.com")


def test_an_empty_site_gets_authors_sections_tags_and_a_picture_pool():
    run(articles=5)
    assert Author.objects.count() == generate.MIN_AUTHORS
    assert Category.objects.count() == generate.MIN_CATEGORIES
    assert Tag.objects.count() == generate.MIN_TAGS
    pool = Image.objects.filter(credit=generate.POOL_CREDIT)
    assert pool.count() == generate.POOL_SIZE
    image = pool.first()
    assert (image.width, image.height) == (1600, 900)
    assert image.alt_text
    assert image.renditions
    assert all(author.avatar for author in Author.objects.all())


def test_later_runs_reuse_the_cast_and_the_picture_pool():
    run(articles=5)
    before = (Author.objects.count(), Category.objects.count(), Tag.objects.count())
    run(articles=5)
    assert (Author.objects.count(), Category.objects.count(), Tag.objects.count()) == before
    assert Image.objects.count() == generate.POOL_SIZE


def test_a_site_with_enough_people_and_sections_is_not_given_more():
    authors = [factories.AuthorFactory() for _ in range(generate.MIN_AUTHORS)]
    sections = [factories.CategoryFactory() for _ in range(generate.MIN_CATEGORIES)]
    run(articles=10)
    assert Author.objects.count() == len(authors)
    assert Category.objects.count() == len(sections)


def test_new_sections_and_tags_do_not_take_existing_slugs():
    factories.CategoryFactory(name="Cloud computing", slug="cloud")
    factories.TagFactory(name="Chips", slug="chips")
    run(articles=3)
    assert Category.objects.filter(slug="cloud").get().name == "Cloud computing"
    assert Tag.objects.filter(slug="chips").get().name == "Chips"


def test_a_slug_taken_by_a_hand_made_article_is_not_reused(monkeypatch: pytest.MonkeyPatch):
    """Should a generated slug meet an editor's on the same day, the generated one moves."""
    factories.article(title="Same words", published_at=clock.now() - timedelta(minutes=1))
    monkeypatch.setattr(generate, "_slug", lambda title, serial: "same-words")
    monkeypatch.setattr(generate, "SPREAD_DAYS", 0)  # everything lands on the same minute
    monkeypatch.setattr(generate, "DRAFT_SHARE", 0)
    run(articles=4)
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert slugs == ["same-words", "same-words-2", "same-words-3", "same-words-4", "same-words-5"]


def test_cached_pages_are_dropped_after_a_run():
    run(articles=2)
    before = generation.current()
    run(articles=2)
    assert generation.current() != before


def test_json_prints_a_summary_for_machines():
    summary = json.loads(run("--json", articles=7))
    assert summary["articles"] == 7
    assert summary["comments"] == Comment.objects.count()
    assert isinstance(summary["seconds"], float)
    assert set(summary) == {"articles", "comments", "seconds"}


@pytest.mark.parametrize("value", ["0", "-3", "ten", "2.5"])
def test_the_count_must_be_a_positive_whole_number(value: str):
    with pytest.raises(CommandError, match="--articles"):
        run("--articles", value)
    assert not Article.objects.exists()


def test_a_first_interrupt_finishes_the_batch_then_stops(monkeypatch: pytest.MonkeyPatch):
    """Ctrl-C once: the current batch is committed, later ones are not started."""
    real, handler_before = generate.ArticleTag.objects.bulk_create, signal.getsignal(signal.SIGINT)

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        # Only send the signal when the command's handler is there to catch it.
        assert signal.getsignal(signal.SIGINT) is not handler_before
        signal.raise_signal(signal.SIGINT)
        return real(*args, **kwargs)

    monkeypatch.setattr(generate.ArticleTag.objects, "bulk_create", interrupted)
    out = StringIO()
    with pytest.raises(CommandError, match="Interrupted after 10 of 30") as stopped:
        call_command("generate", articles=30, batch_size=10, stdout=out, stderr=StringIO())
    assert stopped.value.returncode == 130
    assert Article.objects.count() == 10
    assert "Made 10 articles" in out.getvalue()
    assert signal.getsignal(signal.SIGINT) is handler_before


def test_a_failing_batch_is_rolled_back_and_earlier_ones_kept(monkeypatch: pytest.MonkeyPatch):
    """A second Ctrl-C (KeyboardInterrupt) mid-batch undoes only that batch."""
    real, calls = ArticleTag.objects.bulk_create, []

    def breaks_on_second_batch(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(ArticleTag.objects, "bulk_create", breaks_on_second_batch)
    with pytest.raises(CommandError, match="Interrupted after 10 of 30"):
        run(articles=30, batch_size=10)
    assert Article.objects.count() == 10
    assert ArticleAuthor.objects.count() >= 10
    assert not Comment.objects.exclude(article__in=Article.objects.all()).exists()


@pytest.mark.slow
def test_an_unmigrated_database_gets_a_clear_message(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    result = subprocess.run(
        [sys.executable, "-m", "masthead.cli", "generate", "--articles", "3",
         "--data", str(tmp_path / "empty")],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "masthead migrate" in result.stderr
    assert "Traceback" not in result.stderr


def test_generated_comments_include_threads_with_consistent_depths():
    run(articles=40, seed=7)
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    assert replies.exists()
    for reply in replies:
        assert reply.article_id == reply.parent.article_id
        assert reply.depth == reply.parent.depth + 1 <= 2


def test_generated_comments_arrive_after_publication_and_after_their_parent():
    run(articles=40, seed=11)
    for comment in Comment.objects.select_related("article", "parent"):
        assert comment.article.published_at <= comment.created_at <= clock.now()
        if comment.parent:
            assert comment.parent.created_at <= comment.created_at


# --- story threads (--topics) ---------------------------------------------------------------

# The first titles seed 3 gave before threads existed: without --topics nothing may change.
SEED_3_TITLES = [
    "Inside the $5.7 billion bet Lumen Cloud is making on grid storage",
    "Arcwell and Ardent Bio team up on AI safety testing",
    "Stratus Energy cuts prices on its memory module as rivals close in",
    "Cobalt Mobile raises $8.7 billion to cut AI costs",
    "Helio Semiconductor raises $1.7 billion to cut AI costs",
]


def labels() -> dict[int, str]:
    """The thread labels ``--topics`` recorded in the data folder."""
    from django.conf import settings

    return topics.read_labels(Path(settings.DATA_DIR) / "topics.json")


def planted_threads(count: int, seed: int = 1) -> dict[str, topics.Thread]:
    """The threads ``generate --topics count`` planted on this site, by label."""
    threads = topics.make_threads(
        count=count, seed=seed, categories=list(Category.objects.values_list("pk", flat=True)),
        tags=list(Tag.objects.values_list("pk", flat=True)),
    )  # fmt: skip
    return {thread.label: thread for thread in threads}


def test_without_topics_a_seed_writes_the_stories_it_always_did():
    run(articles=5, seed=3)
    assert list(Article.objects.order_by("pk").values_list("title", flat=True)) == SEED_3_TITLES


def test_without_topics_no_labels_are_written():
    from django.conf import settings

    run(articles=5)
    assert not (Path(settings.DATA_DIR) / "topics.json").exists()


def test_topics_plant_labelled_threads_in_most_articles():
    run(articles=150, topics=5)
    recorded = labels()
    assert set(recorded) <= set(Article.objects.values_list("pk", flat=True))
    assert set(recorded.values()) == {"1:0", "1:1", "1:2", "1:3", "1:4"}
    assert 0.45 * 150 <= len(recorded) <= 0.75 * 150
    assert max(Counter(recorded.values()).values()) < 0.35 * 150  # spread over the threads


def test_thread_articles_share_names_and_words_that_others_lack():
    run(articles=200, topics=5)
    recorded, threads = labels(), planted_threads(5)
    articles = list(Article.objects.all())
    for label, thread in threads.items():
        inside = [a for a in articles if recorded.get(a.pk) == label]
        outside = [a for a in articles if recorded.get(a.pk) != label]

        # Companies and places are shared between threads; a person and a product are not.
        def named(group: list[Article], thread: topics.Thread = thread) -> float:
            names = (thread.person, thread.product)
            return sum(any(n in f"{a.title} {a.body}" for n in names) for a in group) / len(group)

        def words(group: list[Article], thread: topics.Thread = thread) -> float:
            return sum(sum(t in a.body for t in thread.terms) for a in group) / len(group)

        assert named(inside) >= 0.6, label
        assert named(outside) <= 0.1, label
        assert words(inside) >= 2, label
        assert words(outside) <= 0.5, label


def test_thread_articles_lean_to_their_threads_section_and_tags_without_owning_them():
    run(articles=200, topics=5)
    recorded, threads = labels(), planted_threads(5)
    members = Article.objects.filter(pk__in=recorded).prefetch_related("tags")
    in_section = [a.category_id == threads[recorded[a.pk]].section for a in members]
    with_tag = [
        bool(set(threads[recorded[a.pk]].tags) & {t.pk for t in a.tags.all()}) for a in members
    ]
    assert 0.6 <= sum(in_section) / len(in_section) < 0.95
    assert 0.6 <= sum(with_tag) / len(with_tag) < 0.97
    for article in members:
        assert 2 <= article.tags.count() <= 5


def test_some_ordinary_articles_mention_a_thread_in_passing():
    run(articles=200, topics=5)
    recorded, threads = labels(), planted_threads(5)
    names = [t.company for t in threads.values()] + [t.person for t in threads.values()]
    ordinary = Article.objects.exclude(pk__in=recorded)
    mentioning = [a for a in ordinary if any(name in a.body for name in names)]
    assert 0 < len(mentioning) < 0.35 * ordinary.count()


def test_topics_are_reported_in_the_sentence_and_the_json():
    from django.conf import settings

    where = str(Path(settings.DATA_DIR) / "topics.json")
    sentence = run(articles=20, topics=3)
    before = len(labels())
    assert f"{before} of the articles belong to 3 story threads" in sentence
    assert where in sentence
    summary = json.loads(run("--json", articles=20, topics=3))
    assert summary["topics"] == 3
    assert summary["thread_articles"] == len(labels()) - before > 0
    assert summary["labels"] == where


def test_later_runs_add_to_the_labels():
    run(articles=30, topics=3)
    first = labels()
    run(articles=30, topics=3)
    assert set(first) < set(labels())
    assert {pk: labels()[pk] for pk in first} == first
