"""The comments app's views: posting from the article page, feeds, moderation links."""

from masthead.comments.views.links import moderate_by_link
from masthead.comments.views.posting import post_comment

__all__ = ["moderate_by_link", "post_comment"]
