"""Every change to the newsroom's content goes through these functions.

Views, the admin, the API and the commands all call them (``services.save_article``),
so the same rules hold everywhere. The functions live in the modules of this package by
subject; import them from here.
"""

from masthead.articles.services.bulk import Refiled, refile_articles
from masthead.articles.services.library import (
    RESERVED_SLUGS,
    make_image_renditions,
    new_files_kept_only_if_saved,
    refresh_renditions,
    save_author,
    save_category,
    save_image,
    save_page,
    save_tag,
)
from masthead.articles.services.previews import create_preview_link, revoke_preview_link
from masthead.articles.services.remote import (
    Imported,
    import_remote_images,
    pictures_from_other_sites,
)
from masthead.articles.services.revisions import prune_revisions, restore_revision
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
    "Imported",
    "NotAllowed",
    "Refiled",
    "create_preview_link",
    "import_remote_images",
    "make_image_renditions",
    "new_files_kept_only_if_saved",
    "pictures_from_other_sites",
    "prune_revisions",
    "publish_article",
    "refile_articles",
    "refresh_renditions",
    "render_article",
    "restore_revision",
    "return_to_draft",
    "revoke_preview_link",
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
