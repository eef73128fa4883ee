"""Every change to the newsroom's content goes through these functions.

Views, the admin, the API and the commands all call them (``services.save_article``),
so the same rules hold everywhere. The functions live in the modules of this package by
subject; import them from here.
"""

from masthead.articles.services.library import (
    RESERVED_SLUGS,
    refresh_renditions,
    save_author,
    save_category,
    save_image,
    save_page,
    save_tag,
)
from masthead.articles.services.stories import (
    EditConflict,
    NotAllowed,
    publish_article,
    render_article,
    return_to_draft,
    save_article,
    set_byline,
    submit_for_review,
    trash_article,
    unpublish_article,
)

__all__ = [
    "RESERVED_SLUGS",
    "EditConflict",
    "NotAllowed",
    "publish_article",
    "refresh_renditions",
    "render_article",
    "return_to_draft",
    "save_article",
    "save_author",
    "save_category",
    "save_image",
    "save_page",
    "save_tag",
    "set_byline",
    "submit_for_review",
    "trash_article",
    "unpublish_article",
]
