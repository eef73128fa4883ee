"""The roles again, now that the audit log exists: Administrators may read it, nobody else.

Administrator holds "*", every permission there is when a migration applies the roles;
the audit log's came after ``0001_roles``, so the groups are applied once more. A frozen
copy of ``masthead.backoffice.roles.ROLES``, unchanged since ``0001_roles``.
"""

from django.db import migrations

from masthead.backoffice import roles as _roles

ADMINISTRATOR, EDITOR, AUTHOR, CONTRIBUTOR = "Administrator", "Editor", "Author", "Contributor"

_READ_FILING = [
    "articles.view_category", "articles.view_tag", "articles.view_author",
    "articles.view_source", "articles.view_image", "articles.view_revision",
]  # fmt: skip
_WRITE = ["articles.add_article", "articles.change_article", "articles.view_article"]

ROLES: dict[str, list[str]] = {
    # Everything, users, roles and settings included.
    ADMINISTRATOR: ["*"],
    # Every story and the filing around it, comments and pictures; not people or settings.
    EDITOR: [
        *_WRITE, "articles.delete_article", "articles.publish_article",
        "articles.edit_any_article",
        "articles.add_category", "articles.change_category", "articles.view_category",
        "articles.add_tag", "articles.change_tag", "articles.delete_tag", "articles.view_tag",
        "articles.add_author", "articles.change_author", "articles.view_author",
        "articles.add_source", "articles.change_source", "articles.view_source",
        "articles.add_image", "articles.change_image", "articles.delete_image",
        "articles.view_image", "articles.view_revision",
        "articles.add_page", "articles.change_page", "articles.view_page",
        "articles.add_menuitem", "articles.change_menuitem", "articles.delete_menuitem",
        "articles.view_menuitem",
        "articles.add_previewlink", "articles.change_previewlink", "articles.view_previewlink",
        "comments.view_comment", "comments.change_comment", "comments.delete_comment",
        "ingest.view_wirefeed", "ingest.view_wireitem", "ingest.change_wireitem",
    ],
    # Their own stories, start to finish, with pictures and tags.
    AUTHOR: [
        *_WRITE, "articles.delete_article", "articles.publish_article",
        *_READ_FILING, "articles.add_tag",
        "articles.add_image", "articles.change_image",
        "articles.add_previewlink", "articles.view_previewlink",
        "comments.view_comment",
    ],
    # Their own drafts, submitted for review; the library's pictures, not uploads.
    CONTRIBUTOR: [*_WRITE, *_READ_FILING],
}  # fmt: skip


def apply_roles(apps, schema_editor):
    _roles.apply(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [("backoffice", "0002_audit")]

    # Going back leaves the groups as they are: 0002's reversal deletes the log's
    # permissions, and with them every group's hold on them.
    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
