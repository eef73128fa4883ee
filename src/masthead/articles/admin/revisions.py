"""A story's revisions in the back office: the list on its page."""

from __future__ import annotations

from django.contrib import admin

from masthead.articles.models import Revision


class RevisionInline(admin.TabularInline):
    model = Revision
    extra = 0
    can_delete = False
    fields = ["created_at", "by", "status", "title"]
    readonly_fields = ["created_at", "by", "status", "title"]
    show_change_link = False
    max_num = 0


class RevisionScreens(admin.ModelAdmin):
    """The story's revision screens (compare, restore) and their list on its page."""

    revision_inlines = [RevisionInline]
