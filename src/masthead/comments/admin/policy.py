"""The comment settings screen: one row of rules, opened straight from the menu."""

from __future__ import annotations

from django.contrib import admin

from masthead.comments.models import CommentSettings
from masthead.core.singleton import SingletonAdmin


@admin.register(CommentSettings)
class CommentSettingsAdmin(SingletonAdmin):
    fieldsets = [
        ("Threads", {"fields": ["thread_depth", "close_after_days"]}),
        ("Holding for moderation", {"fields": ["hold_all", "hold_first_time", "max_links",
                                               "moderation_words", "hold_score"]}),
        ("Spam", {"fields": ["block_words", "spam_score", "rate_limit", "empty_after_days"]}),
        ("Notifications", {"fields": ["notify_authors"]}),
    ]  # fmt: skip
