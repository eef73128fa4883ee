"""The audit log's screen: read-only, for those who hold ``backoffice.view_auditentry``.

Only Administrators hold it (migration ``0003_audit_roles``). Nobody adds, changes or
deletes an entry here, superusers included: entries leave only by ``masthead audit prune``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from masthead.backoffice import people  # noqa: F401 (registers the people screens)
from masthead.backoffice.models import AuditEntry

SHOWN = (
    "at", "actor", "actor_name", "action", "object_link", "object_type", "object_id",
    "ip", "details",
)  # fmt: skip


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "object_link", "ip"]
    list_filter = ["action", "actor"]
    date_hierarchy = "at"
    search_fields = ["actor_name", "object_label"]
    # A full COUNT of a year's log on every filtered page buys nothing.
    show_full_result_count = False
    list_per_page = 50
    actions = None
    fields = readonly_fields = SHOWN

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

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
