"""The wire desk in the back office: feeds with their health and log, and every story taken in.

A feed's page shows how its polls went (the last error in words, the HTTP status,
failures in a row, the next poll) and its recent polls. *Poll at the next run* makes
selected feeds due at once. A story grouped by mistake with another wire's story can be
given its own article with *Take apart*.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from masthead.articles.admin import URL_FIELDS
from masthead.core import clock
from masthead.core.autocomplete import AutocompleteAdmin
from masthead.ingest.models import WireFeed, WireFetch, WireItem
from masthead.ingest.wire.mapper import take_apart

RECENT_POLLS = 10


@admin.register(WireFeed)
class WireFeedAdmin(AutocompleteAdmin):
    list_display = ["name", "health", "publisher", "category", "mode", "interval", "active",
                    "checked_at", "problem"]  # fmt: skip
    list_filter = ["active", "mode", "publisher"]
    list_select_related = ["publisher", "category"]
    search_fields = ["name", "url"]
    autocomplete_fields = ["publisher", "category"]
    radio_fields = {"mode": admin.HORIZONTAL}
    formfield_overrides = URL_FIELDS
    actions = ["poll_soon"]
    feed_fields = ("name", "url", "publisher", "credit_line", "category", "mode", "interval",
                   "active")  # fmt: skip
    readonly_fields = ("health", "last_error", "last_status", "failures", "checked_at",
                       "succeeded_at", "next_check_at", "moved_to", "recent_polls")  # fmt: skip
    fieldsets = [(None, {"fields": feed_fields}), ("How it is doing", {"fields": readonly_fields})]

    @admin.display(description="health")
    def health(self, obj: WireFeed) -> str:
        if obj.healthy is None:
            return "Not polled yet"
        if obj.healthy:
            return "✓ Working"
        return f"✗ Failing ({obj.failures} in a row)"

    @admin.display(description="last problem")
    def problem(self, obj: WireFeed) -> str:
        return obj.last_error[:120]

    @admin.display(description="recent polls")
    def recent_polls(self, obj: WireFeed) -> SafeString | str:
        polls = obj.fetches.all()[:RECENT_POLLS] if obj.pk else []
        rows = format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((f"{p.at:%Y-%m-%d %H:%M}", p.get_outcome_display(), p.status or "–",
              _counts(p), p.error or p.notes) for p in polls),
        )  # fmt: skip
        if not rows:
            return "None yet."
        return format_html(
            "<table><thead><tr><th>When</th><th>Outcome</th><th>HTTP</th><th>Stories</th>"
            "<th>Problem</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    @admin.action(description="Poll selected feeds at the next run", permissions=["change"])
    def poll_soon(self, request: HttpRequest, queryset: QuerySet[WireFeed]) -> None:
        count = queryset.update(next_check_at=clock.now())
        self.message_user(request, f"{count} feed(s) will be polled at the next run.")


def _counts(poll: WireFetch) -> str:
    if poll.outcome != WireFetch.Outcome.READ:
        return "–"
    return (f"{poll.entries} read: {poll.created} new, {poll.updated} updated, "
            f"{poll.grouped} grouped, {poll.skipped} skipped")  # fmt: skip


@admin.register(WireItem)
class WireItemAdmin(admin.ModelAdmin):
    list_display = ["title", "feed", "outcome", "article_link", "grouped_with", "similarity",
                    "dated", "seen_at"]  # fmt: skip
    list_filter = ["outcome", "feed"]
    list_select_related = ["feed", "same_as__feed", "article"]
    search_fields = ["title", "key", "link"]
    date_hierarchy = "seen_at"
    actions = ["take_apart"]
    fields = ("title", "feed", "outcome", "reason", "article_link", "grouped_with",
              "similarity", "link", "key", "authors", "dated", "seen_at", "changed_at",
              "summary", "body")  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="article")
    def article_link(self, obj: WireItem) -> SafeString | str:
        if obj.article is None:
            return "–"
        url = reverse(f"{self.admin_site.name}:articles_article_change", args=[obj.article.pk])
        return format_html('<a href="{}">{}</a> ({})', url, obj.article.title,
                           obj.article.get_status_display())  # fmt: skip

    @admin.display(description="grouped with")
    def grouped_with(self, obj: WireItem) -> str:
        return f"{obj.same_as.title} ({obj.same_as.feed})" if obj.same_as else "–"

    @admin.action(description="Take apart: give each its own article", permissions=["view"])
    def take_apart(self, request: HttpRequest, queryset: QuerySet[WireItem]) -> None:
        if not request.user.has_perm("articles.add_article"):
            self.message_user(request, "You may not add articles.", messages.ERROR)
            return
        done = 0
        for item in queryset.filter(outcome=WireItem.Outcome.GROUPED).select_related("feed"):
            take_apart(item=item, now=clock.now(), by=request.user)
            done += 1
        skipped = queryset.count() - done
        note = f" ({skipped} were not grouped)" if skipped else ""
        self.message_user(request, f"{done} stor{'y' if done == 1 else 'ies'} taken apart{note}.")
