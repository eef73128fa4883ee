"""The "Leave a reply" form."""

from __future__ import annotations

from django import forms

from masthead.comments.models import Comment

MAX_BODY = 10_000


class CommentForm(forms.ModelForm):
    """A reader's comment. Every field error is shown beside its field."""

    body = forms.CharField(
        label="Comment",
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_BODY}),
        error_messages={
            "required": "Please write your comment.",
            "max_length": (
                "Comments can be at most %(limit_value)d characters (this one has %(show_value)d)."
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

    class Meta:
        model = Comment
        fields = ["body", "author_name", "author_email", "author_url"]

    def full_clean(self) -> None:
        super().full_clean()
        # Tie each message to its field, so screen readers announce it with the field.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}_error"

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
