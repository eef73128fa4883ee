"""The library around the stories: bylines, sections, tags, static pages, pictures."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction

from masthead.articles.models import Author, Category, Image, Page, Tag
from masthead.articles.renditions import delete_renditions, image_size, make_renditions
from masthead.core import background, imaging, markdown
from masthead.core.slugs import make_slug, unique_slug


def save_author(*, author: Author) -> Author:
    """Save a byline (no account needed) after checking its fields."""
    author.full_clean(exclude=["user", "avatar"])
    author.save()
    return author


def save_category(*, category: Category) -> Category:
    """Save a section after checking its fields and its one level of subsections."""
    category.full_clean()
    category.save()
    return category


def save_tag(*, tag: Tag) -> Tag:
    """Save a tag after checking its fields."""
    tag.full_clean()
    tag.save()
    return tag


# First path segments other pages own: a page there could never be reached.
RESERVED_SLUGS = {
    "admin", "api", "author", "category", "comments", "feed", "healthz", "media", "page",
    "preview", "readyz", "search", "sitemap.xml", "static", "tag",
}  # fmt: skip


def save_page(*, page: Page) -> Page:
    """Render and save a static page; its slug is made free among pages and routes."""
    page.body_html = markdown.render(page.body)
    others = Page.objects.exclude(pk=page.pk)
    page.slug = unique_slug(
        page.slug or make_slug(page.title, max_length=100, fallback_prefix="page"),
        taken=lambda s: s in RESERVED_SLUGS or s.isdigit() or others.filter(slug=s).exists(),
        max_length=100,
    )
    page.save()
    return page


def save_image(
    *, file: File[Any], alt_text: str, caption: str = "", credit: str = "",
    name: str | None = None, source_url: str = "",
) -> Image:  # fmt: skip
    """Store a picture file with its words; its renditions are made after commit.

    The file is judged first (size, format, whole, memory budget: ``core.imaging``) and
    ``NotAccepted`` is raised, with nothing stored, when it is refused. Until its
    renditions exist, pages show the original at its width and height.
    """
    picture = _judged(file)
    image = Image(alt_text=alt_text, caption=caption, credit=credit, source_url=source_url)
    image.width, image.height = picture.shown_size
    stem = PurePosixPath(name or file.name or "image").stem or "image"
    image.file.save(f"{stem}.{picture.extension}", file, save=False)
    image.renditions_state = Image.Renditions.PENDING
    with new_files_kept_only_if_saved(image):
        image.save()
    renditions_later(image)
    return image


@contextmanager
def new_files_kept_only_if_saved(image: Image) -> Iterator[None]:
    """Remove a new picture's stored file and renditions if the block fails.

    A database that cannot store the row (or a full disk while renditions are written)
    leaves no file that no picture names. Only for a picture being added: a changed
    one's renditions may still be the old ones, which the old row names.
    """
    try:
        yield
    except BaseException:
        names = [*image.renditions.values()]
        # Stored, so its name is the stored one (not yet: the name of the upload).
        if image.file and getattr(image.file, "_committed", False):
            names.append(str(image.file.name))
        for stored in names:
            with suppress(OSError):
                default_storage.delete(stored)
        raise


def _judged(file: File[Any]) -> imaging.Picture:
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    size = file.size or 0
    if size > limit:
        raise imaging.NotAccepted(
            f"Pictures can be at most {limit // 2**20} MB; this file has {size / 2**20:.1f} MB.",
            code="too_large",
        )
    return imaging.inspect(file)


def refresh_renditions(*, image: Image) -> Image:
    """Make the renditions of ``image`` again, after commit (its file was replaced)."""
    image.width, image.height = image_size(str(image.file.name))
    delete_renditions(image.renditions)
    image.renditions, image.renditions_state, image.renditions_note = (
        {},
        Image.Renditions.PENDING,
        "",
    )
    image.save(
        update_fields=["width", "height", "renditions", "renditions_state", "renditions_note"]
    )
    renditions_later(image)
    return image


def renditions_later(image: Image) -> None:
    """Have the renditions of ``image`` made off the request, once this transaction commits."""
    transaction.on_commit(partial(background.later, _renditions_job, image.pk))


def _renditions_job(image_id: int) -> None:
    image = Image.objects.filter(pk=image_id, renditions_state=Image.Renditions.PENDING).first()
    if image is not None:
        make_image_renditions(image=image)


def make_image_renditions(*, image: Image) -> Image:
    """Make the ``srcset`` renditions of ``image`` now; a picture that fails is marked so.

    A picture over the memory budget (stored before there was one) or a damaged file is
    marked ``failed`` with the reason, and pages keep showing the original.
    """
    before = dict(image.renditions)
    try:
        made = make_renditions(str(image.file.name))
    except imaging.NotAccepted as refused:
        made, state, note = {}, Image.Renditions.FAILED, refused.message
    except OSError as exc:
        made, state = {}, Image.Renditions.FAILED
        note = (
            f"No room on the media disk for them ({exc.strerror}): run `masthead images "
            "renditions --failed` once there is."
            if exc.errno == errno.ENOSPC
            else f"The file could not be read: {exc}"
        )
    except (SyntaxError, ValueError, EOFError) as exc:
        made, state, note = {}, Image.Renditions.FAILED, f"The file could not be read: {exc}"
    else:
        state, note = Image.Renditions.READY, ""
    delete_renditions({w: n for w, n in before.items() if n not in made.values()})
    image.renditions, image.renditions_state, image.renditions_note = made, state, note[:500]
    # A save, not an update: the page cache hears of it and pages get the srcset.
    image.save(update_fields=["renditions", "renditions_state", "renditions_note"])
    return image
