"""A naive Bayes spam classifier that learns from moderators' decisions.

Interface used by services (the implementation lands with #3's classifier work):
``score(comment) -> float | None`` and ``learn(comment, lesson)``, ``retrain()``.
"""

from __future__ import annotations

from masthead.comments.models import Comment


def score(comment: Comment) -> float | None:
    """The probability that ``comment`` is spam, or None before there is enough to go on."""
    return None


def learn(comment: Comment, lesson: str) -> None:
    """Teach the classifier that ``comment`` is ``lesson`` (ham, spam, or "" to forget it)."""
    comment.learned_as = lesson
