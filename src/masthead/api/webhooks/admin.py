"""Webhooks and their delivery log in the back office.

A webhook's secret is shown once, in the message after it is added (or after *New
secret*). Deliveries are read-only; *Retry now* sends the selected waiting or failed ones
at once, in the administrator's request.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from masthead.api.webhooks import services
from masthead.api.webhooks.models import Delivery, Event, Webhook


class WebhookForm(forms.ModelForm):
    url = forms.URLField(label="URL", max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        choices=Event.choices, widget=forms.CheckboxSelectMultiple, required=True
    )

    class Meta:
        model = Webhook
        fields = ["name", "url", "events", "is_active"]


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    form = WebhookForm
    list_display = ["name", "url", "event_list", "is_active", "created_by", "deliveries_link"]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]
    actions = ["new_secret"]

    @admin.display(description="events")
    def event_list(self, obj: Webhook) -> str:
        return ", ".join(obj.events)

    @admin.display(description="deliveries")
    def deliveries_link(self, obj: Webhook) -> str:
        url = reverse("admin:api_delivery_changelist") + f"?webhook__id__exact={obj.pk}"
        return format_html('<a href="{}">log</a>', url)

    def save_model(self, request: HttpRequest, obj: Webhook, form: Any, change: bool) -> None:
        data = form.cleaned_data
        fields = {"name": data["name"], "url": data["url"], "events": data["events"],
                  "is_active": data["is_active"]}  # fmt: skip
        if change:
            services.update_webhook(webhook=obj, **fields)
            return
        issued = services.create_webhook(**fields, created_by=request.user, webhook=obj)
        self._show_secret(request, issued.webhook, issued.secret)

    @admin.action(description="Give selected webhooks a new secret", permissions=["change"])
    def new_secret(self, request: HttpRequest, queryset: QuerySet[Webhook]) -> None:
        for webhook in queryset:
            self._show_secret(request, webhook, services.rotate_secret(webhook=webhook))

    def _show_secret(self, request: HttpRequest, webhook: Webhook, secret: str) -> None:
        messages.warning(
            request,
            f"The signing secret of “{webhook}” is {secret} — copy it to the receiver now: "
            "it is not shown again.",
        )


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["pk", "event", "webhook", "state", "attempts", "response_status",
                    "next_attempt_at", "created_at"]  # fmt: skip
    list_filter = ["state", "event", "webhook"]
    list_select_related = ["webhook"]
    date_hierarchy = "created_at"
    actions = ["retry"]
    readonly_fields = (
        "webhook", "event", "state", "attempts", "created_at", "last_attempt_at",
        "next_attempt_at", "delivered_at", "response_status", "response_excerpt",
        "last_error", "payload_json",
    )  # fmt: skip
    fields = readonly_fields

    @admin.display(description="payload")
    def payload_json(self, obj: Delivery) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.payload, indent=2, ensure_ascii=False))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Retry selected deliveries now", permissions=["change"])
    def retry(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        tally = services.retry_now(deliveries=queryset)
        messages.info(
            request,
            f"Attempted {tally.attempted}: {tally.delivered} delivered, "
            f"{tally.retrying} to retry later, {tally.failed} failed.",
        )

    def save_model(self, request: HttpRequest, obj: Delivery, form: Any, change: bool) -> None:
        """Save nothing: a delivery is a log, changed only by sending it."""
