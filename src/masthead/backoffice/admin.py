"""The back office's records: the audit log, the sign-in lockouts (lifted here), CSP reports.

The audit log is read-only, for those who hold ``backoffice.view_auditentry``.

Only Administrators hold it (migration ``0003_audit_roles``). Nobody adds, changes or
deletes an entry here, superusers included: entries leave only by ``masthead audit prune``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from masthead.backoffice import logins, people  # noqa: F401 (people: the people screens)
from masthead.backoffice.models import AuditEntry, CspReport, SignInLockout

# django-otp's own screens would show every member's secret to whoever may view them:
# members manage their own under "Two-factor sign-in", Administrators reset one in People.
for _device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)

SHOWN = (
    "at", "actor", "actor_name", "action", "object_link", "object_type", "object_id",
    "ip", "details",
)  # fmt: skip


class ReadOnlyAdmin(admin.ModelAdmin):
    """Screens that show what the site recorded: nobody adds, changes or deletes a row."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_name", "action", "object_link", "ip"]
    list_filter = ["action", "actor"]
    date_hierarchy = "at"
    search_fields = ["actor_name", "object_label"]
    # A full COUNT of a year's log on every filtered page buys nothing.
    show_full_result_count = False
    list_per_page = 50
    actions = None
    fields = readonly_fields = SHOWN

    @admin.display(description="object", ordering="object_label")
    def object_link(self, entry: AuditEntry) -> str:
        """The object as named then, linked to its page in the back office when it had one."""
        if entry.object_url:
            return format_html('<a href="{}">{}</a>', entry.object_url, entry.object_label)
        return entry.object_label

    @admin.display(description="details")
    def details(self, entry: AuditEntry) -> SafeString | str:
        """The entry's detail as a list: one item per key (a setting, a role, a username)."""
        if not entry.detail:
            return ""
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", "<li>{}: {}</li>", ((key, _shown(v)) for key, v in entry.detail.items())
            ),
        )


def _shown(value: Any) -> str:
    """A detail value as text: a change as "before → after", a list joined by commas."""
    if isinstance(value, dict) and set(value) == {"from", "to"}:
        return f"{_shown(value['from'])} → {_shown(value['to'])}"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    return "(blank)" if value in ("", None) else str(value)


class HoldsFilter(admin.SimpleListFilter):
    """Lockouts that hold now (the default), or those that ended."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("ended", "Ended or lifted"), ("all", "All")]

    def choices(self, changelist: Any) -> Any:
        # "Holding now" is the unfiltered list, so it stands first, in place of "All".
        for choice in super().choices(changelist):
            if choice["display"] == "All" and choice["query_string"].endswith("?"):
                choice["display"] = "Holding now"
            yield choice

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        holding = logins.active().values("pk")
        if self.value() == "ended":
            return queryset.exclude(pk__in=holding)
        return queryset if self.value() == "all" else queryset.filter(pk__in=holding)


@admin.register(SignInLockout)
class SignInLockoutAdmin(ReadOnlyAdmin):
    """Account names and addresses refused sign-ins; an Administrator lifts a lockout here.

    Read-only but for the "Lift" action, which needs ``backoffice.lift_signinlockout``
    (Administrators; migration ``0004_logins``). Lockouts leave by ``masthead logins prune``.
    """

    list_display = ["__str__", "since", "until", "failures", "refused", "lifted_at", "lifted_by"]
    list_filter = [HoldsFilter, "kind"]
    search_fields = ["key"]
    actions = ["lift"]
    fields = readonly_fields = (
        "kind", "key", "since", "until", "failures", "refused", "lifted_at", "lifted_by",
    )  # fmt: skip

    def has_lift_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("backoffice.lift_signinlockout")

    @admin.action(description="Lift the selected lockouts", permissions=["lift"])
    def lift(self, request: HttpRequest, queryset: QuerySet[SignInLockout]) -> None:
        """Let the names and addresses sign in again; each lift goes into the audit log."""
        lifted = sum(logins.lift(lockout=lockout, by=request.user) for lockout in queryset)
        self.message_user(
            request,
            f"Lifted {lifted} lockout{'s' * (lifted != 1)}: they may sign in again."
            if lifted
            else "Nothing to lift: the lockouts selected had ended already.",
            messages.SUCCESS if lifted else messages.WARNING,
        )


class DirectiveFilter(admin.SimpleListFilter):
    """The directives reported; a report that named none is listed as "(none)"."""

    title = "directive"
    parameter_name = "directive"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        found = CspReport.objects.order_by("directive").values_list("directive", flat=True)
        return [(d, d or "(none)") for d in found.distinct()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        return queryset if value is None else queryset.filter(directive=value)


@admin.register(CspReport)
class CspReportAdmin(ReadOnlyAdmin):
    """What browsers reported the Content-Security-Policy refused, newest first.

    Administrators only (migration ``0008_cspreport``); reports leave by
    ``masthead cspreports prune`` or, past ``CSP_REPORTS_KEEP`` rows, as new ones arrive.
    """

    list_display = ["received_at", "directive", "blocked_uri", "document_uri", "disposition"]
    list_filter = [DirectiveFilter]
    search_fields = ["document_uri", "blocked_uri"]
    date_hierarchy = "received_at"
    show_full_result_count = False
    list_per_page = 50
    actions = None
    fields = readonly_fields = (
        "received_at", "document_uri", "directive", "blocked_uri", "source_file", "line",
        "sample", "disposition", "user_agent",
    )  # fmt: skip
