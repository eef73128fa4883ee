"""The comments' back-office screens: the moderation queue and the comment settings.

Every change of status or deletion goes through ``masthead.comments.services``.
"""

from masthead.comments.admin.policy import CommentSettingsAdmin, SingletonAdmin
from masthead.comments.admin.queue import CommentAdmin

__all__ = ["CommentAdmin", "CommentSettingsAdmin", "SingletonAdmin"]
