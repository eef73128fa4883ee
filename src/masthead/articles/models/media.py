"""Images with their alt text, caption, credit and pre-made renditions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models

from masthead.core import imaging
from masthead.core.fields import PrintableCharField


def validate_upload_size(file: object) -> None:
    """Refuse a new picture file over ``IMAGE_UPLOAD_MAX_BYTES``, saying how large it is."""
    if getattr(file, "_committed", False):
        return  # stored already: judged when it came in
    size = getattr(file, "size", 0) or 0
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    if size > limit:
        raise ValidationError(
            "Pictures can be at most %(limit)d MB; this file has %(size).1f MB.",
            code="too_large",
            params={"limit": limit // 2**20, "size": size / 2**20},
        )


def check_picture(file: Any) -> imaging.Picture:
    """Judge an uploaded file as a picture (``core.imaging``); refuse it as a form error."""
    validate_upload_size(file)
    try:
        return imaging.inspect(file)
    except imaging.NotAccepted as refused:
        raise ValidationError(refused.message, code=refused.code) from None


class PictureFormField(forms.ImageField):
    """A picture upload judged by its header and size before any pixel is decoded.

    Django's ``ImageField`` would open it with every decoder Pillow has and count no
    memory; this one takes the served formats within the memory budget only.
    """

    def to_python(self, data: Any) -> Any:
        upload = forms.FileField.to_python(self, data)
        if upload is not None:
            check_picture(upload)
        return upload

    def widget_attrs(self, widget: Any) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if "accept" in attrs:
            attrs["accept"] = "image/jpeg,image/png,image/gif,image/webp"
        return attrs


class PictureField(models.ImageField):
    """The model's picture file, offered in forms as a ``PictureFormField``."""

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": PictureFormField, **kwargs})


class Image(models.Model):
    """An uploaded picture; renditions for ``srcset`` are made once, after it is saved.

    Until they are (``renditions_state`` pending), pages show the original at its width
    and height; ``masthead images renditions`` makes any a stopped process left undone.
    """

    class Renditions(models.TextChoices):
        PENDING = "pending", "Being made"
        READY = "ready", "Made"
        FAILED = "failed", "Could not be made"

    # Width and height are read by services (EXIF rotation applied), not by the field.
    file = PictureField(upload_to="images/%Y/%m/", validators=[validate_upload_size])
    alt_text = PrintableCharField(
        max_length=300, help_text="What the picture shows, for readers who cannot see it."
    )
    caption = PrintableCharField(max_length=500, blank=True)
    credit = PrintableCharField(max_length=200, blank=True)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    # {"480": "images/2026/11/x-480.jpg", …}: made by services.save_image.
    renditions = models.JSONField(default=dict, editable=False)
    renditions_state = models.CharField(
        max_length=10, choices=Renditions.choices, default=Renditions.PENDING, editable=False
    )
    # Why the renditions could not be made, when they could not.
    renditions_note = models.CharField(max_length=500, blank=True, editable=False)
    # Where the picture was fetched from, for pictures imported from another site's address.
    source_url = models.URLField(max_length=1000, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.alt_text or str(self.file.name)

    def rendition(self, width: int) -> tuple[str, int]:
        """Storage name and width of the smallest rendition at least ``width`` wide.

        The original when none is: renditions are only made narrower than it.
        """
        fits = sorted(int(w) for w in self.renditions if int(w) >= width)
        if fits:
            return self.renditions[str(fits[0])], fits[0]
        return str(self.file.name), self.width

    def url_for(self, width: int) -> str:
        """URL of the smallest rendition at least ``width`` wide, else the original."""
        return default_storage.url(self.rendition(width)[0])

    @property
    def srcset(self) -> str:
        """The ``srcset`` attribute value: every rendition and the original."""
        entries = [
            f"{default_storage.url(name)} {w}w"
            for w, name in sorted(self.renditions.items(), key=lambda kv: int(kv[0]))
        ]
        entries.append(f"{self.file.url} {self.width}w")
        return ", ".join(entries)

    def height_at(self, width: int) -> int:
        """The height this image has when scaled to ``width``."""
        return round(self.height * width / self.width) if self.width else 0
