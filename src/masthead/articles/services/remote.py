"""Bring the pictures a story shows from other sites into the library.

Pages show a picture from another site as a link to it (``core.sanitize``), so readers'
browsers never contact that site. ``import_remote_images`` fetches each one with the
limits of ``core.http`` (size, time, redirects, and public addresses only), refuses what
is not a picture or is over the memory budget (``core.imaging``), stores the rest as
library images and points the story's body at them. A picture fetched once is reused by
every story that shows it (the image remembers its ``source_url``), so running it again
does nothing new.
"""

from __future__ import annotations

import html
import http.client
import urllib.error
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from masthead.articles.models import Article, Image
from masthead.articles.services.library import save_image
from masthead.articles.services.stories import save_article
from masthead.core import imaging, markdown
from masthead.core.http import Limits, Refused, TooLarge, TooSlow, send
from masthead.core.sanitize import outside_pictures

# A picture server that takes longer than this is not one readers should have waited for.
LIMITS = Limits(timeout=10.0, deadline=30.0, redirects=3)
SERVED_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")


@dataclass
class Imported:
    """What became of a story's pictures from other sites."""

    imported: list[str] = field(default_factory=list)  # addresses now in the library
    failed: list[tuple[str, str]] = field(default_factory=list)  # (address, why)
    saved: bool = False  # the story's body was rewritten and saved

    @property
    def found(self) -> int:
        return len(self.imported) + len(self.failed)


def pictures_from_other_sites(article: Article) -> list[tuple[str, str, str]]:
    """``(src, alt, host)`` of each picture the story's body shows from another site."""
    rendered = markdown.render(article.body, outside_pictures=True)
    return list({src: (src, alt, host) for src, alt, host in outside_pictures(rendered)}.values())


def import_remote_images(*, article: Article, by: Any = None) -> Imported:
    """Fetch the story's pictures from other sites into the library; rewrite its body.

    A picture that cannot be fetched, or is refused, stays as it was (a link on the
    page) and is listed in ``failed`` with the reason. The story is saved (a revision, by
    ``by``) only when its body changed, or when its rendered body is stale.
    """
    result = Imported()
    body = article.body
    for src, alt, host in pictures_from_other_sites(article):
        try:
            image = _image_for(src, alt=alt, host=host)
        except (Refused, imaging.NotAccepted, OSError, http.client.HTTPException) as exc:
            result.failed.append((src, _why(exc)))
            continue
        rewritten = _rewrite(body, src, image.file.url)
        if rewritten == body:
            result.failed.append((src, "stored, but its address is written differently in "
                                       f"the body: replace it by {image.file.url}"))  # fmt: skip
            continue
        body = rewritten
        result.imported.append(src)
    changed = body != article.body
    if changed or article.body_html != markdown.render(article.body):
        with transaction.atomic():
            article.body = body
            save_article(article=article, by=by, revision=changed)
        result.saved = True
    return result


def _image_for(src: str, *, alt: str, host: str) -> Image:
    """The library's copy of the picture at ``src``: found, or fetched and stored."""
    known = Image.objects.filter(source_url=src[:1000]).first()
    if known is not None:
        return known
    # A body's address is anyone's who writes a story: never one into the site's network.
    public_only = not settings.REMOTE_PICTURES_FROM_PRIVATE_ADDRESSES
    limits = replace(LIMITS, max_bytes=settings.IMAGE_UPLOAD_MAX_BYTES, public_only=public_only)
    answer = send(src, limits=limits)
    if not answer.ok:
        raise imaging.NotAccepted(f"{host} answered {answer.status} {answer.reason}", "status")
    kind = answer.headers.get_content_type()
    if kind not in SERVED_TYPES:
        raise imaging.NotAccepted(f"{host} sent {kind}, not a picture", "content_type")
    name = PurePosixPath(unquote(urlsplit(src).path)).name or "picture"
    with transaction.atomic():
        return save_image(
            file=ContentFile(answer.body, name=name[:100]),
            alt_text=(alt or f"Picture from {host}")[:300],
            credit=host[:200],
            source_url=src[:1000],
        )


def _rewrite(body: str, old: str, new: str) -> str:
    """``body`` with address ``old`` replaced by ``new``, as Markdown or as HTML writes it."""
    for written in dict.fromkeys([old, html.escape(old, quote=True), old.replace("&", "&amp;")]):
        if written in body:
            return body.replace(written, new)
    return body


def _why(exc: Exception) -> str:
    if isinstance(exc, imaging.NotAccepted):
        return exc.message
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TooSlow | TimeoutError):
        return "the site took too long to answer"
    if isinstance(exc, TooLarge):
        return f"the file is {exc}"
    return str(reason) or type(exc).__name__
