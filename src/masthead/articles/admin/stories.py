"""The story screen of the back office: one form, the newsroom's rules, saves through services.

``ArticleAdmin`` is put together from parts kept in their own modules: the list
(``listing``), the revisions (``revisions``) and the previews (``previews``). This module
holds the form's screen: who may open and change which story, and the one save.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from masthead.articles import services
from masthead.articles.admin.editing import EditingScreens
from masthead.articles.admin.forms import ArticleForm
from masthead.articles.admin.listing import ArticleListing
from masthead.articles.admin.pictures import PictureScreens
from masthead.articles.admin.previews import PreviewScreens
from masthead.articles.admin.revisions import RevisionScreens
from masthead.articles.models import Article, ArticleAuthor
from masthead.articles.policy import ANY, rules
from masthead.articles.services import editing
from masthead.core.autocomplete import AutocompleteAdmin

# Addresses typed without a scheme are taken as https (Django 6's default, chosen now).
URL_FIELDS: dict[type[Any], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class BylineInline(admin.TabularInline):
    """The byline is part of the story: whoever may change the story may change its byline."""

    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline author"
    verbose_name_plural = "byline (in order)"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or rules.may_view(request.user, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user: Any = request.user
        if obj is None:
            return bool(user.has_perm("articles.add_article"))
        return rules.may_edit(user, obj)

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(Article)
class ArticleAdmin(
    ArticleListing, RevisionScreens, PreviewScreens, EditingScreens, PictureScreens,
    AutocompleteAdmin,
):  # fmt: skip
    form = ArticleForm
    formfield_overrides = URL_FIELDS
    autocomplete_fields = ["category", "tags", "featured_image", "source", "translation_of"]
    readonly_fields = ["view_on_site_link", "reading_minutes", "word_count"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "body"]}),
        ("Publication", {"fields": ["status", "published_at", "is_lead", "comments_open",
                                    "view_on_site_link"]}),
        ("Filing", {"fields": ["category", "tags", "featured_image", "language",
                               "translation_of"]}),
        ("Attribution", {"fields": ["source", "source_url", "credit_line"]}),
        ("Figures", {"fields": ["word_count", "reading_minutes"], "classes": ["collapse"]}),
    ]  # fmt: skip

    def get_inlines(self, request: HttpRequest, obj: Article | None) -> list[Any]:
        return [BylineInline, *self.revision_inlines]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change, **kwargs)
        # A subclass of this request's own, knowing who fills it in.
        return type(form.__name__, (form,), {"user": request.user})

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        """Stories are changed by those the newsroom's rules let; others see them read-only."""
        if obj is None:
            return super().has_change_permission(request)
        return rules.may_edit(request.user, obj)

    def has_view_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if obj is None:
            return super().has_view_permission(request)
        return rules.may_view(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        """Deleting for good is for editors, and for stories already in the trash."""
        user: Any = request.user
        if not (user.has_perm("articles.delete_article") and user.has_perm(ANY)):
            return False
        return obj is None or obj.status == Article.Status.TRASH

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The form's screen; a save that lost a race is shown again with its text kept.

        The form checks the version, but another save can land between that check and
        this one: the service then refuses and the rolled-back form is shown again, where
        its check now sees the newer version and says so. A post to a story the user may
        see but not change is answered with the rules' words, not a bare 403, and the
        read-only page says the same words when it opens.
        """
        article = self.get_object(request, unquote(object_id)) if object_id else None
        refused = self._refusal(request, article) if article is not None else ""
        if refused and request.method == "POST":
            messages.error(request, refused)
            return HttpResponseRedirect(request.get_full_path())
        if refused and refused not in (str(said) for said in messages.get_messages(request)):
            messages.warning(request, refused)
        if object_id is None or (article is not None and rules.may_edit(request.user, article)):
            extra_context = {**(extra_context or {}), **self.editing_context(request, article)}
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.EditConflict:
            return super().changeform_view(request, object_id, form_url, extra_context)

    @staticmethod
    def _refusal(request: HttpRequest, article: Article) -> str:
        """Why the user may see the story but not change it ("" if they may, or may not see it)."""
        user: Any = request.user
        if not rules.may_view(user, article) or rules.may_edit(user, article):
            return ""
        now = request.POST.get("status", article.status)
        refusal = rules.refusal(
            user, article, was=article.status, now=now, was_published_at=article.published_at
        )
        return refusal or "You can't change this story."

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        """Nothing yet: the story is saved with its byline and tags in ``save_related``."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Save the story, byline and tags in one service call, so its revision has them all."""
        byline = next((f for f in formsets if f.model is ArticleAuthor), None)
        authors = _byline(byline) if byline is not None else None
        profile = getattr(request.user, "author_profile", None)
        if not change and not authors and profile is not None:
            authors = [profile]  # a new story without a byline is its writer's
        opened = form.instance if change else None
        services.save_article(
            article=form.instance,
            by=request.user,
            authors=authors,
            tags=form.cleaned_data.get("tags", form.instance.tags.all() if change else []),
            expected_version=form.cleaned_data.get("base_version") if change else None,
        )
        editing.close_story(user=request.user, article=opened, saved=form.instance)
        self.say_outside_pictures(request, form.instance)
        if byline is not None:
            # The admin's change message reads these off each formset it saved.
            byline.new_objects, byline.changed_objects, byline.deleted_objects = [], [], []
        for formset in formsets:
            if formset is not byline:
                formset.save()


def _byline(formset: Any) -> list[Any]:
    """The authors the byline formset holds, in the order of their positions."""
    rows = [
        row for row in formset.cleaned_data if row and row.get("author") and not row.get("DELETE")
    ]
    return [row["author"] for row in sorted(rows, key=lambda row: row.get("position") or 0)]
