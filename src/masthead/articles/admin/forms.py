"""The story form of the back office: the newsroom's rules and the version, checked as fields.

The form asks ``policy.rules`` before anything is saved, so a refusal (a contributor's
``status=published``, a colleague's story opened by URL) comes back as a message beside
the field with everything typed kept, as does a story saved by someone else since the
form was opened. ``services.save_article`` asks the same questions again when saving.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db import models
from django.http import QueryDict
from django.utils import timezone

from masthead.articles.models import Article, Revision
from masthead.articles.models.people import person_name
from masthead.articles.policy import rules
from masthead.articles.revisions import WORDS, word_diff

Status = Article.Status
# Browsers send a text area's lines ending in CRLF; stories keep LF, as imports and the API
# write them, or a first save in the form marks every paragraph end as changed.
LINES = ("dek", "body")


def _form_field(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """The model field's form field; addresses without a scheme are https (Django 6's way)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ArticleForm(forms.ModelForm):
    """An article's fields plus the version it was opened at; ``user`` is set by the admin."""

    user: Any = None
    # The version the editor started from; a different stored one means someone saved since.
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    # Shown only after a conflict: the version the editor has now seen, and their choice.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    take_over = forms.BooleanField(required=False, label="Save mine over theirs")
    conflict: dict[str, Any] | None = None

    class Meta:
        model = Article
        formfield_callback = _form_field
        fields = [
            "title", "slug", "dek", "body", "status", "published_at", "is_lead", "comments_open",
            "category", "tags", "featured_image", "language", "translation_of", "source",
            "source_url", "credit_line",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["base_version"].initial = self.instance.version
        if "status" in self.fields and self.user is not None:
            # Only the widget narrows: a forged status still reaches clean(), whose refusal
            # says why, where a narrowed field would only say "not a valid choice".
            cast(forms.Select, self.fields["status"].widget).choices = self.status_choices()

    def status_choices(self) -> list[tuple[str, str]]:
        """The statuses this user may give the story from where it stands, its own first."""
        was = self.instance.status if self.instance.pk else None
        return [
            (value, label)
            for value, label in Status.choices
            if value == (was or Status.DRAFT)
            or not rules.refusal(self.user, self.instance, was=was, now=value)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in LINES:
            if isinstance(data.get(name), str):
                data[name] = data[name].replace("\r\n", "\n")
        if self.instance.pk and not self.errors:
            self._check_version(data.get("base_version"))
        if self.user is not None and not self.errors:
            self._check_rules(data)
        return data

    def _check_version(self, version: int | None) -> None:
        """Refuse a save started from an older version, unless the editor chose to take over.

        The refusal keeps the typed text and sets ``conflict`` (their version, who, when)
        for the screen to show beside it; ticking "take over" on that screen saves over
        the version seen there, and only that one.
        """
        current = Article.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
        now = current.first()
        if version is None or now is None or version == now:
            return
        if self.cleaned_data.get("take_over") and self.cleaned_data.get("seen_version") == now:
            self.cleaned_data["base_version"] = now
            return
        self.conflict = _conflict(self.instance.pk, self.cleaned_data)
        # The screen shown again offers to take over from the version it shows.
        shown = cast(QueryDict, self.data).copy()
        shown["seen_version"] = str(now)
        shown.pop("take_over", None)
        self.data = shown
        raise forms.ValidationError(
            "%(who)s saved this story at %(when)s, after you opened it. Nothing was "
            "overwritten: your text is still in the form, their version is beside it. "
            "Merge what you need into the form, then tick “save mine over theirs” and save.",
            code="conflict",
            params={"who": self.conflict["who"], "when": self.conflict["when"]},
        )

    def _check_rules(self, data: dict[str, Any]) -> None:
        """Ask the rules about the move this form makes (the instance is not updated yet)."""
        stored = Article.objects.filter(pk=self.instance.pk).values("status", "published_at")
        before = stored.first() if self.instance.pk else None
        after = Article(
            pk=self.instance.pk,
            created_by_id=self.instance.created_by_id,
            status=data.get("status", self.instance.status),
            published_at=data.get("published_at", self.instance.published_at),
        )
        refusal = rules.refusal(
            self.user,
            after,
            was=before["status"] if before else None,
            now=after.status,
            was_published_at=before["published_at"] if before else None,
        )
        if refusal:
            self.add_error("status" if "status" in self.fields else None, refusal)


def _conflict(pk: int, typed: dict[str, Any]) -> dict[str, Any]:
    """Their version of the story beside the typed one, field by field, and who saved it."""
    theirs = Article.objects.get(pk=pk)
    last = Revision.objects.filter(article_id=pk).select_related("by").first()
    who = person_name(last.by) if last and last.by else "Someone"
    return {
        "who": who,
        "when": timezone.localtime(last.created_at if last else theirs.modified_at).strftime(
            "%H:%M"
        ),
        "version": theirs.version,
        "fields": [
            {
                "label": label,
                "theirs": getattr(theirs, name),
                "yours": typed.get(name, ""),
                "runs": word_diff(getattr(theirs, name), typed.get(name, "")),
            }
            for name, label in WORDS
            if getattr(theirs, name) != typed.get(name, "")
        ],
    }
