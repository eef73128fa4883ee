"""The comments app's models; import them from here."""

from masthead.comments.models.classifier import ClassifierToken
from masthead.comments.models.comment import Comment, CommentQuerySet
from masthead.comments.models.policy import CommentSettings

__all__ = [
    "ClassifierToken",
    "Comment",
    "CommentQuerySet",
    "CommentSettings",
]
