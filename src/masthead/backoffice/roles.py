"""The newsroom's four roles: the groups, and the permissions each one bundles.

A role is a Django group. ``ROLES`` below is what each holds now; migrations keep the
database's groups equal to it (each migration that changes a role carries its own frozen
copy, as migrations do, and ``tests/backoffice/test_roles.py`` fails when the newest one
and ``ROLES`` disagree). What the permissions allow on a story, and whose story, is
``masthead.articles.policy``'s business; this module only bundles them.

A permission is written ``"app_label.codename"``; ``"app_label.*"`` is every permission
of an app and ``"*"`` every permission there is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

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


def resolve(wanted: Iterable[str], available: Iterable[str]) -> set[str]:
    """The permissions of ``available`` that ``wanted`` names; unknown names raise ValueError.

    >>> sorted(resolve(["a.x", "b.*"], ["a.x", "a.y", "b.z"]))
    ['a.x', 'b.z']
    >>> resolve(["a.nope"], ["a.x"])
    Traceback (most recent call last):
    ...
    ValueError: no such permission: a.nope
    """
    available = set(available)
    found: set[str] = set()
    for name in wanted:
        if name == "*":
            found |= available
        elif name.endswith(".*"):
            found |= {p for p in available if p.startswith(name[:-1])}
        elif name in available:
            found.add(name)
        else:
            raise ValueError(f"no such permission: {name}")
    return found


def apply(apps: Any, roles: Mapping[str, Iterable[str]]) -> None:
    """Make the groups named in ``roles`` hold exactly their permissions (for migrations).

    ``apps`` is the migration's app registry; the permissions of every installed model are
    created first, since Django otherwise makes them only after the last migration.
    """
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = None
    group_model, permission_model = (
        apps.get_model("auth", "Group"),
        apps.get_model("auth", "Permission"),
    )
    by_name = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in permission_model.objects.select_related("content_type")
    }
    for role, wanted in roles.items():
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.set([by_name[name] for name in resolve(wanted, by_name)])


def held(group: Any) -> set[str]:
    """The permissions ``group`` holds now, as ``app_label.codename``."""
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }
