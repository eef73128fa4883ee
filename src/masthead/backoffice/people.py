"""The people screens of the back office: accounts, their role and their byline.

Replaces Django's user screens on the default admin site. Adding someone asks for the
account, the role and the byline in one form; a member's screen changes their role
and byline through ``masthead.backoffice.services``, so whether the back office is open
to them follows their role. Only those who may change accounts (Administrators) see
these screens. Django's password screen (``<id>/password/``) is kept as it is.

A member's screen says whether their two-factor sign-in is on, and links to
``<id>/two-factor/reset/``, where an Administrator turns it off for them (a lost phone):
``twofactor.reset``, which the audit log records.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django_otp.plugins.otp_totp.models import TOTPDevice

from masthead.backoffice import logins, services, twofactor
from masthead.backoffice.forms import MemberAddForm, MemberChangeForm, MemberPasswordForm
from masthead.backoffice.models import SignInLockout
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
        ("Sign-in", {"fields": ("two_factor", "lockout", "last_login", "date_joined")}),
    )
    readonly_fields = ("two_factor", "lockout", "last_login", "date_joined")
    list_display = (
        "full_name", "username", "role", "byline", "two_factor_on", "last_login", "is_active",
    )  # fmt: skip
    list_filter = (RoleFilter, "is_active")
    filter_horizontal = ()

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return (
            super()
            .get_queryset(request)
            .select_related("author_profile")
            .prefetch_related("groups")
            .annotate(
                has_two_factor=Exists(
                    TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
                )
            )
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

    @admin.display(description="two-factor", boolean=True, ordering="has_two_factor")
    def two_factor_on(self, user: Any) -> bool:
        return bool(user.has_two_factor)

    @admin.display(description="two-factor sign-in")
    def two_factor(self, user: Any) -> str:
        """On (since when, codes left) with a link to reset it; or off."""
        app = twofactor.app_of(user) if user.pk else None
        if app is None:
            return "Off: their password alone signs them in."
        return format_html(
            'On since {}, {} recovery codes left. <a href="{}">Reset it</a> if they lost '
            "their phone.",
            date_format(localtime(app.created_at), "DATETIME_FORMAT"),
            twofactor.recovery_left(user),
            reverse("admin:auth_user_twofactor_reset", args=[user.pk]),
        )

    @admin.display(description="sign-in lockout")
    def lockout(self, user: Any) -> str:
        """Whether too many failed sign-ins lock the account name out now, with the way in."""
        key = logins.account_key(user.get_username()) if user.pk else ""
        held = logins.active().filter(kind=SignInLockout.Kind.ACCOUNT, key=key).first()
        if held is None:
            return "None: they can sign in."
        return format_html(
            'Locked out until {}, after {} failed sign-ins. <a href="{}?q={}">Lift it</a> '
            "if it is them.",
            date_format(localtime(held.until), "DATETIME_FORMAT"),
            held.failures,
            reverse("admin:backoffice_signinlockout_changelist"),
            key,
        )

    def get_urls(self) -> list[URLPattern]:
        reset = path(
            "<int:object_id>/two-factor/reset/",
            self.admin_site.admin_view(self.twofactor_reset_view),
            name="auth_user_twofactor_reset",
        )
        return [reset, *super().get_urls()]

    def twofactor_reset_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """Ask, then (POST) turn off someone's two-factor sign-in and end their sessions."""
        member = User.objects.filter(pk=object_id).first()
        if member is None:
            raise Http404("No such member.")
        if not self.has_change_permission(request, member):
            raise PermissionDenied
        change = reverse("admin:auth_user_change", args=[member.pk])
        if request.method == "POST":
            done = twofactor.reset(user=member, by=request.user)
            messages.success(
                request,
                f"Two-factor sign-in of {member.get_username()} is reset: they sign in with "
                "their password and set it up again."
                if done
                else f"{member.get_username()} had no two-factor sign-in to reset.",
            )
            return HttpResponseRedirect(change)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reset two-factor sign-in of {member.get_username()}?",
            "subtitle": None,
            "opts": self.opts,
            "original": member,
            "on": twofactor.is_on(member),
        }
        return TemplateResponse(request, "backoffice/twofactor/reset.html", context)

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
