"""The library around the stories: bylines, sections, tags, static pages, pictures."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from django.core.files.base import File
from django.core.files.storage import default_storage

from masthead.articles.models import Author, Category, Image, Page, Tag
from masthead.articles.renditions import image_size, make_renditions
from masthead.core import markdown
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
    *, file: File[Any], alt_text: str, caption: str = "", credit: str = "", name: str | None = None
) -> Image:
    """Store an image file with its words and make its ``srcset`` renditions."""
    image = Image(alt_text=alt_text, caption=caption, credit=credit)
    image.file.save(name or file.name or "image.jpg", file, save=False)
    with new_files_kept_only_if_saved(image):
        image.width, image.height = image_size(str(image.file.name))
        image.renditions = make_renditions(str(image.file.name))
        image.save()
    return image


@contextmanager
def new_files_kept_only_if_saved(image: Image) -> Iterator[None]:
    """Remove a new picture's stored file and renditions if the block fails.

    A full disk while the renditions are written, or a database that cannot store the
    row, leaves no file that no picture names. Only for a picture being added: a changed
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


def refresh_renditions(*, image: Image) -> Image:
    """Make the ``srcset`` renditions of ``image`` again (after its file changed)."""
    image.width, image.height = image_size(str(image.file.name))
    image.renditions = make_renditions(str(image.file.name))
    image.save(update_fields=["width", "height", "renditions"])
    return image
