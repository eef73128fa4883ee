"""The comments app's views: posting from the article page, feeds, moderation links."""

from masthead.comments.views.posting import post_comment

__all__ = ["post_comment"]
