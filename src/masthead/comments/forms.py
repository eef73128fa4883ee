"""The "Leave a reply" form, with its two quiet traps for robots.

A *honeypot* field that people never see (robots fill every field), and a signed
*issued* stamp: a form posted less than ``MIN_SECONDS`` after its stamp was issued, or
more than ``MAX_SECONDS`` later, or without one, is refused. Either way the reader's text
comes back in the form with a message, and a fresh stamp, so posting again works.

The article page carries no stamp: it is kept for every reader, for days (the page
cache, a CDN, published files), and a time in it would be stale for some and would change
the page's bytes every second. ``reply.js`` fetches a stamp (``views.form_stamp``) when
the reader starts on the form; without JavaScript the first post comes back with one.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import signing
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from masthead.comments.models import Comment
from masthead.core import clock
from masthead.core.fragments import Fragments

MAX_BODY = 10_000
MIN_SECONDS = 3
MAX_SECONDS = 24 * 3600
SALT = "masthead.comments.form"
# A post from a page without JavaScript (or whose script could not fetch a stamp).
NO_STAMP = (
    "Your comment is not posted yet: to keep robots out, comments sent without JavaScript "
    "take two steps. Please check it and post it again."
)


def issue_stamp(article_id: int) -> str:
    """A signed note of which article's form this is and when it was made."""
    return signing.Signer(salt=SALT).sign(f"{article_id}.{int(clock.now().timestamp())}")


def stamp_problem(stamp: str, article_id: int) -> str:
    """Why ``stamp`` is not acceptable for a post now; "" when it is."""
    if not stamp:
        return NO_STAMP
    try:
        value = signing.Signer(salt=SALT).unsign(stamp)
        stamped_article, issued = (int(part) for part in value.split("."))
    except (signing.BadSignature, ValueError):
        return "This form is not valid any more. Please post your comment again."
    if stamped_article != article_id:
        return "This form belongs to another article. Please post your comment again."
    age = clock.now().timestamp() - issued
    if age < MIN_SECONDS:
        return "That was very quick. Please check your comment and post it again."
    if age > MAX_SECONDS:
        return "This page was open for more than a day. Please post your comment again."
    return ""


FIELDS_TEMPLATE = "comments/_fields.html"
# The empty form's fields, the same on every page.
FRESH_FIELDS = Fragments("comment-fields", size=8)


class CommentForm(forms.ModelForm):
    """A reader's comment. Every field error is shown beside its field."""

    body = forms.CharField(
        label="Comment",
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_BODY}),
        error_messages={
            "required": "Please write your comment.",
            "max_length": (
                "Comments can be at most %(limit_value)d characters; yours has %(show_value)d."
            ),
        },
    )
    author_name = forms.CharField(
        label="Name",
        max_length=100,
        error_messages={"required": "Please give your name."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    author_email = forms.EmailField(
        label="Email",
        max_length=254,
        error_messages={
            "required": "Please give your email address; it will not be published.",
            "invalid": "This does not look like an email address (name@example.com).",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    author_url = forms.URLField(
        label="Website",
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={"invalid": "Give a full web address, like https://example.com."},
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    remember = forms.BooleanField(
        label="Save my name, email, and website in this browser for the next time I comment.",
        required=False,
    )
    # Text, not a number field: a bad id is a problem with the reply, said above the form,
    # not an error beside a field the reader cannot see.
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    issued = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and from screen readers by aria-hidden.
    homepage = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Comment
        fields = ["body", "author_name", "author_email", "author_url"]

    def __init__(self, *args: Any, article_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.article_id = article_id

    def page_stamp(self) -> str:
        """The stamp written into the page: none in an empty form, a new one in a form sent back.

        An empty form is on pages every reader shares, which carry nothing that changes
        with time; the script fetches a stamp. A form sent back is one reader's answer to
        their post, never kept: its stamp lets them post again, with or without JavaScript.
        """
        return issue_stamp(self.article_id) if self.is_bound else ""

    def reader_fields(self) -> list[Any]:
        """The fields a reader fills in, in order (not the hidden ones, not the honeypot)."""
        return [f for f in self.visible_fields() if f.name != "homepage"]

    def reader_fields_html(self) -> SafeString:
        """The reader's fields as HTML; an empty form's are made once per worker.

        A form sent back (the reader's text, its errors) or filled in for a returning
        commenter is rendered each time: no reader's details are kept.
        """
        if self.is_bound or self._filled_in():
            return self._render_fields()
        return SafeString(
            FRESH_FIELDS.get_or_make(
                (self.prefix, self.auto_id, get_language()), self._render_fields
            )
        )

    def _filled_in(self) -> bool:
        """Whether an unbound form starts with a value in a reader's field (a returning
        commenter's details): what ``reader_fields``' values say, without making the
        bound fields, which cost more than the rest of an empty form."""
        return any(
            self.get_initial_for_field(field, name)
            for name, field in self.fields.items()
            if name != "homepage" and not field.widget.is_hidden
        )

    def _render_fields(self) -> SafeString:
        return SafeString(render_to_string(FIELDS_TEMPLATE, {"form": self}))

    def full_clean(self) -> None:
        super().full_clean()
        # A hidden field's error belongs above the form, where the reader sees it.
        errors = self.errors
        for name in [n for n in errors if n in ("parent", "issued")]:
            for message in errors.pop(name):
                self.add_error(None, message)
        # Tie each message to its field, so screen readers announce it with the field.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}_error"

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        problem = (
            "Your comment was not posted because it looked automated. Please post it again."
            if cleaned.get("homepage")
            else stamp_problem(cleaned.get("issued") or "", self.article_id)
        )
        if problem:
            raise forms.ValidationError(problem, code="trap")
        return cleaned

    def clean_parent(self) -> int | None:
        value: str = self.cleaned_data["parent"].strip()
        if not value:
            return None
        if not value.isdigit() or len(value) > 18:
            raise forms.ValidationError("The comment you replied to is not on this article.")
        return int(value)

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("Please write your comment.")
        return body

    def clean_author_name(self) -> str:
        name: str = self.cleaned_data["author_name"].strip()
        if not name:
            raise forms.ValidationError("Please give your name.")
        return name
