"""The people screens of the back office: accounts, their role and their byline.

Replaces Django's user screens on the default admin site. Adding someone asks for the
account, the role and the byline in one form; a member's screen changes their role
and byline through ``masthead.backoffice.services``, so whether the back office is open
to them follows their role. Only those who may change accounts (Administrators) see
these screens. Django's password screen (``<id>/password/``) is kept as it is.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from masthead.backoffice import services
from masthead.backoffice.forms import MemberAddForm, MemberChangeForm, MemberPasswordForm
from masthead.backoffice.roles import ROLES

User = get_user_model()


class RoleFilter(admin.SimpleListFilter):
    """Filter the list by role, or those with none."""

    title = "role"
    parameter_name = "role"
    none_value = "none"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [*((role, role) for role in ROLES), (self.none_value, "No role")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == self.none_value:
            return queryset.exclude(groups__name__in=ROLES)
        if self.value() in ROLES:
            return queryset.filter(groups__name=self.value())
        return queryset


class PeopleAdmin(UserAdmin):
    """Newsroom members: who they are, their role, their byline."""

    form = MemberChangeForm
    add_form = MemberAddForm
    change_password_form = MemberPasswordForm
    add_fieldsets = (
        (None, {"fields": ("username", "email", "name")}),
        ("Role", {"fields": ("role",)}),
        ("Password", {"fields": ("usable_password", "password1", "password2")}),
        ("Byline", {"fields": ("byline", "author")}),
    )
    fieldsets = (
        (None, {"fields": ("username", "password", "is_active")}),
        ("Name and address", {"fields": ("first_name", "last_name", "email")}),
        ("Role and byline", {"fields": ("role", "author")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("full_name", "username", "role", "byline", "last_login", "is_active")
    list_filter = (RoleFilter, "is_active")
    filter_horizontal = ()

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return (
            super()
            .get_queryset(request)
            .select_related("author_profile")
            .prefetch_related("groups")
        )

    @admin.display(description="name", ordering="first_name")
    def full_name(self, user: Any) -> str:
        return str(user.get_full_name())

    @admin.display(description="role")
    def role(self, user: Any) -> str:
        return services.role_of(user) or "—"

    @admin.display(description="byline")
    def byline(self, user: Any) -> str:
        author = getattr(user, "author_profile", None)
        return author.name if author else "—"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("auth.change_user")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """People's accounts are for those who may change them, not for every viewer."""
        return request.user.has_perm("auth.change_user")

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        """A new member is made whole by the service; a member's own fields by the form."""
        if change:
            return super().save_form(request, form, change)
        return services.add_member(**form.member(), by=request.user)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Save a member's fields, then their role and byline through the services."""
        if not change:
            return
        obj.save()
        services.set_role(user=obj, role=form.cleaned_data.get("role") or None, by=request.user)
        if "author" in form.changed_data:
            services.link_byline(user=obj, author=form.cleaned_data["author"], by=request.user)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Nothing: the role is set by ``save_model`` and the forms have no other relations."""


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PeopleAdmin)
