"""Back-office screens for what surrounds the stories: filing, people, pictures, the site."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from masthead.articles import services
from masthead.articles.admin.stories import URL_FIELDS
from masthead.articles.models import (
    Author,
    Category,
    Image,
    MenuItem,
    Page,
    SiteSettings,
    Source,
    Tag,
)
from masthead.core.singleton import SingletonAdmin


class EditableListAdmin(admin.ModelAdmin):
    """A list with editable columns, whose fields leave their help texts to the form.

    Django links each editable cell to its field's help text (``aria-describedby``), but
    the list shows no help texts: the link would point at nothing.
    """

    def get_changelist_form(self, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault("help_texts", dict.fromkeys(self.list_editable, ""))
        return super().get_changelist_form(request, **kwargs)


@admin.register(Category)
class CategoryAdmin(EditableListAdmin):
    list_display = ["name", "slug", "parent", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "user"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "home_url", "credit"]
    search_fields = ["name"]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["alt_text", "width", "height", "credit", "renditions_state", "created_at"]
    list_filter = ["renditions_state"]
    search_fields = ["alt_text", "caption", "credit", "source_url"]
    readonly_fields = ["renditions_state", "renditions_note", "source_url"]

    def save_model(self, request: HttpRequest, obj: Image, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "file" in form.changed_data:
            services.refresh_renditions(image=obj)


class MenuItemInline(admin.TabularInline):
    model = MenuItem
    extra = 1


@admin.register(SiteSettings)
class SiteSettingsAdmin(SingletonAdmin):
    pass


@admin.register(MenuItem)
class MenuItemAdmin(EditableListAdmin):
    list_display = ["label", "url", "position"]
    list_editable = ["url", "position"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "status", "modified_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    fields = ["title", "slug", "status", "body"]

    def save_model(self, request: HttpRequest, obj: Page, form: Any, change: bool) -> None:
        services.save_page(page=obj)
