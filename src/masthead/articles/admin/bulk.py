"""The story list's "change section or tags" action: a form between the list and the change.

The action shows the chosen stories and a form (a section to move them to, tags to add,
tags to remove); the form's answer goes to ``services.refile_articles``, which
saves each story under the newsroom's rules, and the list reports what was refused.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from masthead.articles import services
from masthead.articles.models import Article, Category, Tag

# Each story is a full save (render, revision, signals): a few hundred fit in a request.
MOST_AT_ONCE = 500
APPLY = "apply"


class TagNamesField(forms.CharField):
    """Existing tags named by name or slug, separated by commas."""

    def clean(self, value: Any) -> list[Tag]:
        names = [name.strip() for name in (super().clean(value) or "").split(",")]
        tags, unknown = [], []
        for name in dict.fromkeys(n for n in names if n):
            tag = Tag.objects.filter(Q(name__iexact=name) | Q(slug__iexact=name)).first()
            if tag is None:
                unknown.append(name)
            elif tag not in tags:
                tags.append(tag)
        if unknown:
            raise forms.ValidationError(
                "No tag is called %(names)s: create it first, under Tags.",
                code="unknown",
                params={"names": ", ".join(f"“{name}”" for name in unknown)},
            )
        return tags


class RefileForm(forms.Form):
    """Where the chosen stories go: a section, tags to add, tags to remove."""

    category = forms.ModelChoiceField(
        queryset=Category.objects.select_related("parent"),
        required=False,
        label="Move to section",
        empty_label="Keep each story in its section",
    )
    add_tags = TagNamesField(
        required=False, label="Tags to add", help_text="Names, separated by commas."
    )
    remove_tags = TagNamesField(
        required=False, label="Tags to remove", help_text="Names, separated by commas."
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (
            data.get("category") or data.get("add_tags") or data.get("remove_tags")
        ):
            raise forms.ValidationError(
                "Pick a section, or name tags to add or remove: as it is, nothing would change.",
                code="empty",
            )
        return data


@admin.action(description="Change section or tags of selected articles", permissions=["change"])
def refile(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Article]
) -> TemplateResponse | None:
    """Ask where the selected stories go; on the form's answer, refile them and report."""
    count = queryset.count()
    if count > MOST_AT_ONCE:
        model_admin.message_user(
            request,
            f"{count} stories are selected; change at most {MOST_AT_ONCE} at a time "
            "(filter the list to narrow it).",
            messages.WARNING,
        )
        return None
    form = RefileForm(request.POST if APPLY in request.POST else None)
    if form.is_bound and form.is_valid():
        outcome = services.refile_articles(
            articles=queryset.prefetch_related("tags").select_related("category"),
            by=request.user,
            category=form.cleaned_data["category"],
            add_tags=form.cleaned_data["add_tags"],
            remove_tags=form.cleaned_data["remove_tags"],
        )
        report(model_admin, request, changed=len(outcome.changed), refused=outcome.refused,
               unchanged=len(outcome.unchanged))  # fmt: skip
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Change section or tags",
        "opts": model_admin.opts,
        "form": form,
        "stories": queryset.select_related("category__parent"),
        "count": count,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "apply": APPLY,
    }
    return TemplateResponse(request, "admin/articles/article/bulk_refile.html", context)


def report(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    *,
    changed: int,
    unchanged: int,
    refused: list[tuple[Article, str]],
) -> None:
    """Tell the editor how many stories changed, and why each refused one was."""
    if changed:
        model_admin.message_user(request, f"Changed {changed} article(s).", messages.SUCCESS)
    if unchanged:
        model_admin.message_user(
            request, f"{unchanged} article(s) were filed so already.", messages.INFO
        )
    for article, why in refused:
        model_admin.message_user(request, f"“{article.title}”: {why}", messages.ERROR)
