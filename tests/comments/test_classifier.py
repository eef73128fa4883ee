"""The spam classifier: what it reads in a comment, how it learns and unlearns, how it scores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO
from statistics import mean
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db.models.signals import post_delete, post_save

from masthead.articles.models import Article
from masthead.comments import classifier, services
from masthead.comments.classifier import features, learning
from masthead.comments.models import ClassifierToken, Comment
from masthead.comments.models.classifier import DOCUMENTS
from masthead.core import generation
from tests import factories
from tests.comments import corpus

pytestmark = pytest.mark.django_db

APPROVED, SPAM, PENDING = Comment.Status.APPROVED, Comment.Status.SPAM, Comment.Status.PENDING


@pytest.fixture
def editor(db: Any) -> Any:
    """A staff member who may moderate comments."""
    user = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="comments", codename="change_comment")
    )
    return user


def post(story: Article, sample: corpus.Sample) -> Comment:
    """Store a sample as a comment awaiting moderation."""
    return factories.comment(story, status=PENDING, **sample.fields)


def judge(comment: Comment, status: str, by: Any) -> None:
    """Moderate one comment the way the back office does."""
    services.moderate_comments(comments=[comment], status=status, by=by)


def teach(story: Article, editor: Any, samples: list[corpus.Sample]) -> list[Comment]:
    comments = []
    for sample in samples:
        comment = post(story, sample)
        judge(comment, SPAM if sample.spam else APPROVED, editor)
        comments.append(comment)
    return comments


@pytest.fixture
def trained(story: Article, editor: Any) -> list[Comment]:
    """Forty comments an editor approved (20) or marked spam (20)."""
    return teach(story, editor, corpus.training())


def table() -> dict[str, tuple[int, int]]:
    """Every token the classifier knows, with its (spam, ham) counts; empty rows left out."""
    rows = ClassifierToken.objects.values_list("token", "spam", "ham")
    return {token: (spam, ham) for token, spam, ham in rows if spam or ham}


def unsaved(**fields: Any) -> Comment:
    defaults = {"author_name": "Ada", "author_email": "ada@example.org", "body": "Hello there."}
    return Comment(**{**defaults, **fields})


# What it reads ----------------------------------------------------------------------------


def test_tokens_read_nothing_from_the_database(django_assert_num_queries: Any):
    with django_assert_num_queries(0):
        classifier.tokens(unsaved(body="Reading the comment is all it takes."))


def test_words_are_lower_cased_and_features_describe_the_comment():
    comment = unsaved(
        body="Cheap PILLS at https://www.Cheap-Meds.example/buy and http://other.example",
        author_name="Best Deals",
        author_email="Bot@Freemail.Example",
        author_url="https://shop.example/offers",
        user_agent="",
    )
    found = classifier.tokens(comment)
    assert {
        "cheap", "pills", "link:cheap-meds.example", "link:other.example", "links:2-3",
        "website:yes", "site:shop.example", "email:freemail.example",
        "name:best", "name:deals", "agent:no",
    } <= found  # fmt: skip
    assert "PILLS" not in found


def test_an_ordinary_comment_has_no_links_no_website_and_a_browser():
    found = classifier.tokens(
        unsaved(body="I was at the council meeting and it went differently.", user_agent="Firefox")
    )
    assert {"links:0", "website:no", "agent:yes", "caps:0-4%", "length:20-79"} <= found


def test_shouting_is_a_feature():
    assert "caps:50%+" in classifier.tokens(unsaved(body="BUY NOW!!! LIMITED OFFER"))


@pytest.mark.parametrize(
    ("links", "label"), [(0, "0"), (1, "1"), (2, "2-3"), (3, "2-3"), (4, "4+"), (9, "4+")]
)
def test_links_are_counted_in_buckets(links: int, label: str):
    body = " ".join(f"https://site{i}.example/" for i in range(links)) or "No links."
    assert f"links:{label}" in classifier.tokens(unsaved(body=body))


def test_words_are_two_to_forty_characters_and_capped_per_comment():
    body = " ".join(["a", "x" * 41, *(f"w{i}" for i in range(1000))])
    words = {t for t in classifier.tokens(unsaved(body=body)) if ":" not in t}
    assert len(words) == features.MAX_WORDS
    assert {"a", "x" * 41} & words == set()
    assert {"w0", "w299"} <= words


def test_every_token_fits_the_table_and_none_is_the_documents_row():
    comment = unsaved(
        body=f"* see https://{'very-long-' * 20}host.example/ *", author_email=f"a@{'b' * 200}.ex"
    )
    found = classifier.tokens(comment)
    assert max(map(len, found)) <= ClassifierToken._meta.get_field("token").max_length
    assert DOCUMENTS not in found


# Scoring ----------------------------------------------------------------------------------


def test_there_is_no_score_until_ten_lessons_of_each_kind(story: Article, editor: Any):
    samples = corpus.training(per_kind=10)
    teach(story, editor, samples[:-1])  # ten ham, nine spam
    assert classifier.score(unsaved()) is None
    teach(story, editor, samples[-1:])
    assert 0 <= classifier.score(unsaved()) <= 1  # type: ignore[operator]


def test_a_score_costs_one_query(trained: list[Comment], django_assert_num_queries: Any):
    with django_assert_num_queries(1):
        assert classifier.score(unsaved(body="Is the tram extension funded?")) is not None


def test_what_it_learned_separates_comments_it_never_saw(trained: list[Comment], story: Article):
    held_out = [(sample.spam, post(story, sample)) for sample in corpus.held_out()]
    assert {c.body for _, c in held_out}.isdisjoint(c.body for c in trained)
    assert all(c.learned_as == Comment.Lesson.NONE for _, c in held_out)

    scores = [(spam, classifier.score(comment)) for spam, comment in held_out]
    right = sum((score >= 0.5) == spam for spam, score in scores)  # type: ignore[operator]
    assert right / len(scores) >= 0.8
    spam_mean = mean(score for spam, score in scores if spam)  # type: ignore[misc]
    ham_mean = mean(score for spam, score in scores if not spam)  # type: ignore[misc]
    assert spam_mean - ham_mean >= 0.4


# Learning and unlearning ------------------------------------------------------------------


def test_moderation_records_what_each_comment_taught(trained: list[Comment]):
    lessons = {c.pk: c.learned_as for c in Comment.objects.all()}
    assert lessons == {c.pk: c.learned_as for c in trained}
    assert sorted(lessons.values()).count(Comment.Lesson.HAM) == 20


def test_marking_an_approved_comment_spam_moves_its_counts(
    trained: list[Comment], story: Article, editor: Any
):
    before = table()
    comment = post(story, corpus.held_out()[1])
    judge(comment, APPROVED, editor)
    approved = table()
    judge(comment, SPAM, editor)
    after = table()
    for token in [*classifier.tokens(comment), DOCUMENTS]:
        spam, ham = before.get(token, (0, 0))
        assert approved[token] == (spam, ham + 1)
        assert after[token] == (spam + 1, ham)
    assert comment.learned_as == Comment.Lesson.SPAM


def test_sending_a_comment_back_to_pending_forgets_it(
    trained: list[Comment], story: Article, editor: Any
):
    before = table()
    comment = post(story, corpus.held_out()[0])
    judge(comment, APPROVED, editor)
    judge(comment, PENDING, editor)
    assert table() == before
    comment.refresh_from_db()
    assert comment.learned_as == Comment.Lesson.NONE


def test_counts_never_go_below_zero(trained: list[Comment], story: Article):
    # Claims to have taught "spam", but never did: unlearning must not go negative.
    comment = factories.comment(story, body="zyzzyva casino", learned_as=Comment.Lesson.SPAM)
    lessons = table()[DOCUMENTS]
    classifier.learn(comment, Comment.Lesson.NONE)
    assert not ClassifierToken.objects.filter(token="zyzzyva").exists()
    assert table()[DOCUMENTS] == (lessons[0] - 1, lessons[1])
    assert ClassifierToken.objects.filter(spam__lt=0).count() == 0
    assert ClassifierToken.objects.filter(ham__lt=0).count() == 0


def test_learning_the_same_lesson_again_does_nothing(
    trained: list[Comment], django_assert_num_queries: Any
):
    with django_assert_num_queries(0):
        classifier.learn(trained[0], trained[0].learned_as)


def test_an_unknown_lesson_is_refused(story: Article):
    with pytest.raises(ValueError, match="Unknown lesson"):
        classifier.learn(factories.comment(story), "maybe")


# Retraining -------------------------------------------------------------------------------


def test_retraining_rebuilds_what_learning_built(trained: list[Comment]):
    learned = table()
    ClassifierToken.objects.update(spam=7, ham=7)
    ClassifierToken.objects.bulk_create([ClassifierToken(token="stale", spam=3)])
    stats = classifier.retrain()
    assert table() == learned
    assert stats == {"comments": 40, "ham": 20, "spam": 20, "tokens": len(learned) - 1}


def test_retraining_reads_comments_in_chunks(
    trained: list[Comment], monkeypatch: pytest.MonkeyPatch
):
    learned = table()
    monkeypatch.setattr(learning, "BATCH", 7)
    classifier.retrain()
    assert table() == learned


def test_retraining_learns_only_from_decisions_people_made(
    trained: list[Comment], story: Article, editor: Any
):
    by_rule = factories.comment(story, body="Auto-approved.", learned_as=Comment.Lesson.HAM)
    trashed = post(story, corpus.held_out()[0])
    judge(trashed, Comment.Status.TRASH, editor)
    Comment.objects.filter(pk__in=[c.pk for c in trained]).update(learned_as="")

    assert classifier.retrain()["comments"] == 40
    lessons = dict(Comment.objects.values_list("pk", "learned_as"))
    assert lessons[by_rule.pk] == lessons[trashed.pk] == Comment.Lesson.NONE
    assert all(lessons[c.pk] == c.learned_as for c in trained)


def test_the_train_command_reports_what_it_learned(trained: list[Comment]):
    out = StringIO()
    call_command("comments", "train", stdout=out)
    assert out.getvalue().startswith("Retrained on 20 approved and 20 spam comments (")


def test_the_train_command_speaks_json(trained: list[Comment]):
    out = StringIO()
    call_command("comments", "--json", "train", stdout=out)
    result = json.loads(out.getvalue())
    assert result["action"] == "train"
    assert (result["comments"], result["ham"], result["spam"]) == (40, 20, 20)
    assert result["tokens"] == ClassifierToken.objects.count() - 1


# No side effects --------------------------------------------------------------------------


@pytest.fixture
def signalled() -> Iterator[list[type]]:
    """The models that send post_save or post_delete while the test runs."""
    senders: list[type] = []

    def record(sender: type, **kwargs: Any) -> None:
        senders.append(sender)

    post_save.connect(record, weak=False)
    post_delete.connect(record, weak=False)
    yield senders
    post_save.disconnect(record)
    post_delete.disconnect(record)


def test_learning_and_retraining_leave_the_page_cache_alone(
    trained: list[Comment],
    story: Article,
    signalled: list[type],
    django_capture_on_commit_callbacks: Any,
):
    comment = factories.comment(story, status=PENDING, body="Cheap casino bonus")
    signalled.clear()  # saving the comment counts; only what follows must send nothing
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True):
        classifier.learn(comment, Comment.Lesson.SPAM)
        classifier.learn(comment, Comment.Lesson.HAM)
        classifier.learn(comment, Comment.Lesson.NONE)
        classifier.retrain()
    assert generation.current() == before
    assert signalled == []
