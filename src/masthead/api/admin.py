"""API tokens in the back office: issued with the secret shown once, revoked, never edited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from masthead.api import services
from masthead.api.models import ApiToken
from masthead.api.webhooks import admin as webhooks_admin  # noqa: F401 (registers them)
from masthead.core.autocomplete import AutocompleteAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(AutocompleteAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    autocomplete_fields = ["user"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:  # a token's owner and name stay as issued
            return ["name", "user", *self.readonly_fields]
        return []

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["name", "user"]
        return ["name", "user", *self.readonly_fields]

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return
        issued = services.issue_token(user=obj.user, name=obj.name, token=obj)
        messages.warning(
            request,
            f"The token’s secret is {issued.secret} — copy it now: it is not stored and "
            "cannot be shown again.",
        )

    @admin.action(description="Revoke selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = services.revoke_tokens(tokens=queryset)
        messages.success(request, f"Revoked {count} token(s).")
