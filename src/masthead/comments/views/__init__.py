"""The comments app's views: posting from the article page, its stamp, feeds, moderation links."""

from masthead.comments.views.links import moderate_by_link
from masthead.comments.views.posting import form_stamp, post_comment

__all__ = ["form_stamp", "moderate_by_link", "post_comment"]
