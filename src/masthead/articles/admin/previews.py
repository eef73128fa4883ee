"""Seeing a story as readers will: its public link on its page."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html

from masthead.articles.models import Article


class PreviewScreens(admin.ModelAdmin):
    """The story's public link (and, for stories not yet public, its preview)."""

    @admin.display(description="Public page")
    def view_on_site_link(self, obj: Article) -> str:
        if not obj.pk or not obj.is_visible:
            return "Not visible to readers"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())
