"""Where the classifier meets the database: score, learn, unlearn, retrain.

Counts change only through bulk queries (``bulk_create`` and ``QuerySet.update``), which
send no ``post_save``: a saved row of any comments model purges the page cache, and a
classifier lesson changes nothing a reader sees.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest

from masthead.comments.classifier.bayes import Counts, spam_probability
from masthead.comments.classifier.features import tokens
from masthead.comments.models import ClassifierToken, Comment, CommentQuerySet
from masthead.comments.models.classifier import DOCUMENTS

MIN_LESSONS = 10
"""Below this many spam lessons, or this many ham lessons, ``score`` declines to judge."""
BATCH = 1000
"""Comments read, and token rows written, per query when retraining."""

# The ClassifierToken column each lesson counts in.
COLUMNS: dict[str, str] = {Comment.Lesson.SPAM: "spam", Comment.Lesson.HAM: "ham"}
# What ``retrain`` learns from a judged comment's status.
STATUS_LESSONS: dict[str, str] = {
    Comment.Status.SPAM: Comment.Lesson.SPAM,
    Comment.Status.APPROVED: Comment.Lesson.HAM,
}
# The fields ``tokens`` reads (and ``status``, which is the lesson).
TOKEN_FIELDS = ("body", "author_name", "author_email", "author_url", "user_agent", "status")


def score(comment: Comment) -> float | None:
    """The probability that ``comment`` is spam, or None before there is enough to go on.

    One query: the counts of the comment's tokens and of lessons, together.
    """
    wanted = [*tokens(comment), DOCUMENTS]
    rows = ClassifierToken.objects.filter(token__in=wanted).values_list("token", "spam", "ham")
    counts = {token: Counts(spam, ham) for token, spam, ham in rows}
    documents = counts.pop(DOCUMENTS, Counts(0, 0))
    if min(documents) < MIN_LESSONS:
        return None
    return spam_probability(counts.values(), documents)


def learn(comment: Comment, lesson: str) -> None:
    """Teach the classifier that ``comment`` is ``lesson`` (ham, spam, or "" to forget it).

    Whatever the comment taught before (``comment.learned_as``) is unlearned first; the
    caller saves the comment, whose ``learned_as`` becomes ``lesson``.
    """
    if lesson not in Comment.Lesson.values:
        raise ValueError(f"Unknown lesson {lesson!r}.")
    if comment.learned_as != lesson:
        # Sorted, so two moderators' lessons lock shared rows in the same order (no deadlock).
        _move(sorted({*tokens(comment), DOCUMENTS}), comment.learned_as, lesson)
        comment.learned_as = lesson


@transaction.atomic
def _move(found: list[str], before: str, lesson: str) -> None:
    """Take one from ``found``'s ``before`` counts and add one to their ``lesson`` counts."""
    changes: dict[str, Any] = {}
    if before:
        # Never below zero, even if the comment was edited after it taught something.
        changes[COLUMNS[before]] = Greatest(F(COLUMNS[before]) - 1, 0)
    if lesson:
        changes[COLUMNS[lesson]] = F(COLUMNS[lesson]) + 1
        new = (ClassifierToken(token=token) for token in found)
        ClassifierToken.objects.bulk_create(new, ignore_conflicts=True, batch_size=BATCH)
    ClassifierToken.objects.filter(token__in=found).update(**changes)


@transaction.atomic
def retrain() -> dict[str, int]:
    """Forget everything and learn again from every comment a person approved or called spam.

    Returns how many comments taught it (``comments``, of which ``ham`` and ``spam``) and
    how many distinct ``tokens`` it now knows.
    """
    tables = {lesson: Counter[str]() for lesson in COLUMNS}
    for comment in _judged_in_chunks():
        tables[STATUS_LESSONS[comment.status]].update([*tokens(comment), DOCUMENTS])
    spam, ham = tables[Comment.Lesson.SPAM], tables[Comment.Lesson.HAM]
    vocabulary = spam.keys() | ham.keys()
    _replace_counts(ClassifierToken(token=t, spam=spam[t], ham=ham[t]) for t in vocabulary)
    _mark_lessons()
    return {
        "comments": spam[DOCUMENTS] + ham[DOCUMENTS],
        "ham": ham[DOCUMENTS],
        "spam": spam[DOCUMENTS],
        "tokens": len(vocabulary - {DOCUMENTS}),
    }


def _judged() -> CommentQuerySet:
    # Only a person's choice teaches: a rule's verdict (partly the classifier's own score)
    # would teach the classifier what it already believes.
    return Comment.objects.decided().filter(moderated_by__isnull=False)


def _judged_in_chunks() -> Iterator[Comment]:
    """Every judged comment, read ``BATCH`` at a time (by primary key) to bound memory."""
    judged = _judged().only(*TOKEN_FIELDS).order_by("pk")
    last = 0
    while chunk := list(judged.filter(pk__gt=last)[:BATCH]):
        yield from chunk
        last = chunk[-1].pk


def _replace_counts(rows: Iterable[ClassifierToken]) -> None:
    table = ClassifierToken.objects.all()
    # _raw_delete sends no post_delete; QuerySet.delete would fetch every row to send one
    # each, and purge the page cache for rows no page shows.
    table._raw_delete(table.db)
    rows = iter(rows)
    while batch := list(islice(rows, BATCH)):
        ClassifierToken.objects.bulk_create(batch)


def _mark_lessons() -> None:
    """Make every comment's ``learned_as`` say what it taught this time (bulk, no signals)."""
    for status, lesson in STATUS_LESSONS.items():
        _judged().filter(status=status).exclude(learned_as=lesson).update(learned_as=lesson)
    untaught = Comment.objects.exclude(learned_as=Comment.Lesson.NONE)
    untaught.exclude(pk__in=_judged().values("pk")).update(learned_as=Comment.Lesson.NONE)
