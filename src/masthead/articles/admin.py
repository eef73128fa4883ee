"""Back-office screens for the newsroom's content; every save goes through services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html

from masthead.articles import services
from masthead.articles.models import (
    Article,
    ArticleAuthor,
    Author,
    Category,
    Image,
    MenuItem,
    Page,
    Revision,
    SiteSettings,
    Source,
    Tag,
)
from masthead.core.singleton import SingletonAdmin

# Addresses typed without a scheme are taken as https (Django 6's default, chosen now).
URL_FIELDS: dict[type[Any], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline author"
    verbose_name_plural = "byline (in order)"


class RevisionInline(admin.TabularInline):
    model = Revision
    extra = 0
    can_delete = False
    fields = ["created_at", "by", "status", "title"]
    readonly_fields = ["created_at", "by", "status", "title"]
    show_change_link = False
    max_num = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "status", "published_at", "category", "language", "is_lead"]
    list_filter = ["status", "category", "language", "source"]
    search_fields = ["title", "dek"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["category", "tags", "featured_image", "source", "translation_of"]
    inlines = [BylineInline, RevisionInline]
    readonly_fields = ["view_on_site_link", "reading_minutes", "word_count"]
    actions = ["publish", "unpublish", "trash"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "body"]}),
        ("Publication", {"fields": ["status", "published_at", "is_lead", "comments_open",
                                    "view_on_site_link"]}),
        ("Filing", {"fields": ["category", "tags", "featured_image", "language",
                               "translation_of"]}),
        ("Attribution", {"fields": ["source", "source_url", "credit_line"]}),
        ("Figures", {"fields": ["word_count", "reading_minutes"], "classes": ["collapse"]}),
    ]  # fmt: skip

    @admin.display(description="Public page")
    def view_on_site_link(self, obj: Article) -> str:
        if not obj.pk or not obj.is_visible:
            return "Not visible to readers"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        services.save_article(article=obj, by=request.user)

    @admin.action(description="Publish selected articles")
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            services.publish_article(article=article, by=request.user)
        messages.success(request, f"Published {queryset.count()} article(s).")

    @admin.action(description="Unpublish selected articles (back to draft)")
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            services.unpublish_article(article=article, by=request.user)
        messages.success(request, "Unpublished the selected articles.")

    @admin.action(description="Move selected articles to the trash")
    def trash(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            services.trash_article(article=article, by=request.user)
        messages.success(request, "Moved the selected articles to the trash.")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
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
    list_display = ["alt_text", "width", "height", "credit", "created_at"]
    search_fields = ["alt_text", "caption", "credit"]

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
class MenuItemAdmin(admin.ModelAdmin):
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
