"""Who may do what: Django's model permissions, which the newsroom's groups bundle."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, permissions
from rest_framework.request import Request


class ReadOrModelPermission(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """Anyone may read; writing needs the model's add, change or delete permission."""


class ModelPermissionToRead(permissions.DjangoModelPermissions):
    """Even reading needs a permission: the model's ``view`` one (the image library)."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


def may(request: Request, perm: str) -> bool:
    """Whether the request's user holds ``perm`` (``app_label.codename``)."""
    user: Any = request.user
    return bool(user and user.is_authenticated and user.has_perm(perm))


def require(perm: str) -> type[permissions.BasePermission]:
    """A permission class that lets through users holding ``perm``, whatever the method."""

    class Required(permissions.BasePermission):
        message = f"This needs the {perm} permission."

        def has_permission(self, request: Request, view: Any) -> bool:
            return may(request, perm)

    Required.__name__ = Required.__qualname__ = f"Require_{perm.replace('.', '_')}"
    return Required


def refuse(request: Request, message: str) -> exceptions.APIException:
    """The error for a request that may not do this: 401 for strangers, 403 for users."""
    user: Any = request.user
    if not (user and user.is_authenticated):
        return exceptions.NotAuthenticated()
    return exceptions.PermissionDenied(message)
