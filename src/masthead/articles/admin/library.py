"""Back-office screens for what surrounds the stories: filing, people, pictures, the site."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse

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
from masthead.core.outages import STORAGE_FULL, is_disk_full
from masthead.core.singleton import SingletonAdmin

# Where a full disk's refusal is kept on the request for the form shown again.
DISK_FULL_FLAG = "_masthead_disk_full"


class DiskFullShownInForm(admin.ModelAdmin):
    """Answer a full disk with the form again, what was typed kept, and why it failed.

    The admin saves in a transaction, so the row is rolled back, and the storage leaves
    no half file. The form is then validated again with the refusal as its error.
    """

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError as exc:
            if not is_disk_full(exc):
                raise
            setattr(request, DISK_FULL_FLAG, True)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False,
                 **kwargs: Any) -> Any:  # fmt: skip
        form = super().get_form(request, obj, change, **kwargs)
        if not getattr(request, DISK_FULL_FLAG, False):
            return form

        def refuse(self: forms.ModelForm) -> None:
            raise forms.ValidationError(STORAGE_FULL.detail, code="disk_full")

        return type(form.__name__, (form,), {"clean": refuse})


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
class AuthorAdmin(DiskFullShownInForm):
    list_display = ["name", "role", "user"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "home_url", "credit"]
    search_fields = ["name"]


@admin.register(Image)
class ImageAdmin(DiskFullShownInForm):
    list_display = ["alt_text", "width", "height", "credit", "renditions_state", "created_at"]
    list_filter = ["renditions_state"]
    search_fields = ["alt_text", "caption", "credit", "source_url"]
    readonly_fields = ["renditions_state", "renditions_note", "source_url"]

    def save_model(self, request: HttpRequest, obj: Image, form: Any, change: bool) -> None:
        adding = nullcontext() if change else services.new_files_kept_only_if_saved(obj)
        with adding:
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
