"""Images with their alt text, caption, credit and pre-made renditions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models

from masthead.core.fields import PrintableCharField

# Larger than any camera's JPEG; past it an upload is a mistake (or an attack on memory).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def validate_upload_size(file: object) -> None:
    """Refuse a picture file over ``MAX_UPLOAD_BYTES``, saying how large it is."""
    size = getattr(file, "size", 0) or 0
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "Pictures can be at most %(limit)d MB; this file has %(size).1f MB.",
            code="too_large",
            params={"limit": MAX_UPLOAD_BYTES // 2**20, "size": size / 2**20},
        )


class Image(models.Model):
    """An uploaded picture; renditions for ``srcset`` are made once, when it is saved."""

    # Width and height are read by services (EXIF rotation applied), not by the field.
    file = models.ImageField(upload_to="images/%Y/%m/", validators=[validate_upload_size])
    alt_text = PrintableCharField(
        max_length=300, help_text="What the picture shows, for readers who cannot see it."
    )
    caption = PrintableCharField(max_length=500, blank=True)
    credit = PrintableCharField(max_length=200, blank=True)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    # {"480": "images/2026/11/x-480.jpg", …}: made by services.save_image.
    renditions = models.JSONField(default=dict, editable=False)
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
