"""The people screens' forms: a new member (account, role, password, byline) and a member's.

The forms check what the services will refuse (a byline someone else has, leaving the
newsroom without an administrator) as field errors, so nothing typed is lost; saving is
left to ``masthead.backoffice.services``, called by the admin.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.widgets import AdminRadioSelect
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AdminUserCreationForm,
    ReadOnlyPasswordHashWidget,
    SetUnusablePasswordMixin,
    UserChangeForm,
    UsernameField,
)
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from masthead.articles.models import Author
from masthead.backoffice import services
from masthead.backoffice.roles import ADMINISTRATOR, AUTHOR, CONTRIBUTOR, EDITOR, ROLES

# One line each, shown beside the choice; docs/newsroom.md has the longer table.
ROLE_DESCRIPTIONS = {
    ADMINISTRATOR: "everything: people and their roles, site settings, the audit log.",
    EDITOR: "every story (edit, publish, schedule, unpublish, trash), the filing, pictures, "
    "comments; not people.",
    AUTHOR: "their own stories, start to finish: write, publish, schedule, unpublish, "
    "trash; upload pictures.",
    CONTRIBUTOR: "their own drafts, submitted for review; the library's pictures, no uploads.",
}
NO_ROLE = ""
NO_ROLE_LABEL = "No role: the back office is closed to them (they keep their account)."

BYLINE_NEW, BYLINE_EXISTING, BYLINE_NONE = "new", "existing", "none"
BYLINE_CHOICES = [
    (BYLINE_NEW, "A new byline with this name"),
    (BYLINE_EXISTING, "An existing byline that has no account yet (e.g. imported)"),
    (BYLINE_NONE, "No byline: they will not sign stories"),
]


def role_choices(*, with_none: bool) -> list[tuple[str, str]]:
    """The roles as radio choices, each with its one-line description."""
    choices = [(role, f"{role}: {ROLE_DESCRIPTIONS[role]}") for role in ROLES]
    return [*choices, (NO_ROLE, NO_ROLE_LABEL)] if with_none else choices


def radio_list() -> AdminRadioSelect:
    """Choices one under the other, as the admin's ``radio_fields`` lists them.

    Its "radiolist" class lets a choice's words run the row's width; without it each is
    squeezed into the 160 px of a field's name, four or five lines a choice.
    """
    return AdminRadioSelect(attrs={"class": "radiolist"})


def free_bylines(user: Any = None) -> QuerySet[Author]:
    """Bylines no account holds, and the one ``user`` holds."""
    owner = Q(user=None) | Q(user=user) if user is not None and user.pk else Q(user=None)
    return Author.objects.filter(owner).order_by("name")


class MemberAddForm(AdminUserCreationForm):
    """A new member: account, name, role, password (or none yet) and byline."""

    name = forms.CharField(
        max_length=120, required=False, help_text="As it appears on a byline: “Ada Lovelace”."
    )
    role = forms.ChoiceField(choices=role_choices(with_none=False), widget=radio_list())
    byline = forms.ChoiceField(choices=BYLINE_CHOICES, initial=BYLINE_NEW, widget=radio_list())
    author = forms.ModelChoiceField(
        Author.objects.none(),
        required=False,
        label="Existing byline",
        help_text="Only bylines without an account are listed.",
    )

    class Meta(AdminUserCreationForm.Meta):
        fields = ("username", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = free_bylines()  # type: ignore[attr-defined]
        self.fields["usable_password"].choices = [  # type: ignore[attr-defined]
            ("true", "Set a password now"),
            ("false", "Send nothing: a password is set later (no sign-in until then)"),
        ]
        self.fields["usable_password"].label = "Password"
        self.fields["usable_password"].help_text = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        choice = data.get("byline")
        if choice == BYLINE_NEW and not data.get("name"):
            self.add_error("name", "A new byline needs the name to print on it.")
        if choice == BYLINE_EXISTING and not data.get("author") and "author" not in self.errors:
            self.add_error("author", "Pick the byline to link, or choose another option.")
        return data

    def member(self) -> dict[str, Any]:
        """The arguments ``services.add_member`` takes, from the cleaned form."""
        data = self.cleaned_data
        choice = data["byline"]
        return {
            "username": data["username"],
            "email": data.get("email", ""),
            "role": data["role"],
            "name": data.get("name", ""),
            "byline": {BYLINE_NEW: services.NEW_BYLINE, BYLINE_EXISTING: data.get("author")}.get(
                choice
            ),
            "password": data.get("password1") if data.get("set_usable_password") else None,
        }


class PasswordSummary(ReadOnlyPasswordHashWidget):
    """Django's summary of a password, a ``<div>``: without the attributes of a form field.

    Django gives it those of its (disabled) field: ``disabled``, which a ``<div>`` may
    not have, and ``aria-describedby`` naming a help text the admin renders without that id.
    """

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        kept = {k: v for k, v in (attrs or {}).items() if k not in ("disabled", "aria-describedby")}
        return super().get_context(name, value, kept)


class MemberPasswordForm(AdminPasswordChangeForm):
    """Django's form for a member's password, its warning in markup a paragraph may hold.

    Django's template puts the help text in a ``<p>``, and its own help text holds a list.
    The warning keeps the id and class by which Django's stylesheet shows it only when
    the password is to be disabled.
    """

    usable_password_help_text = SetUnusablePasswordMixin.usable_password_help_text + (
        ' <strong id="id_unusable_warning" class="messagelist">'
        "If disabled, the current password for this user will be lost.</strong>"
    )


class MemberChangeForm(UserChangeForm):
    """A member: their name and address, active flag, role and byline."""

    role = forms.ChoiceField(
        choices=role_choices(with_none=True), widget=radio_list(), required=False
    )
    author = forms.ModelChoiceField(
        Author.objects.none(),
        required=False,
        label="Byline",
        help_text="The byline they sign stories with; only bylines without an account are "
        "offered. Unlinking keeps the byline on the stories it signs.",
    )

    class Meta:
        model = User
        field_classes = {"username": UsernameField}
        fields = ("username", "password", "first_name", "last_name", "email", "is_active")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].widget = PasswordSummary()
        self.fields["author"].queryset = free_bylines(self.instance)  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["role"].initial = services.role_of(self.instance) or NO_ROLE
            self.fields["author"].initial = (
                free_bylines(self.instance).filter(user=self.instance).first()
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        role = data.get("role") or None
        if refusal := services.role_refusal(user=self.instance, role=role):
            self.add_error("role", refusal)
        elif not data.get("is_active", True) and services.role_refusal(
            user=self.instance, role=None
        ):
            self.add_error("is_active", "The newsroom's only administrator stays active.")
        return data
