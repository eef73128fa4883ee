"""The admin site, titled for the newsroom, its menu showing how many comments wait."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html

from masthead.comments.models import Comment


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Masthead newsroom"
    site_title = "Masthead"
    index_title = "Back office"

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[Any]:
        """The apps and their models, "Comments" followed by how many await moderation.

        The list feeds the index, the app pages and the sidebar of every page.
        """
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for entry in app["models"]:
                if entry["model"] is Comment and (waiting := pending_comments(request)):
                    entry["name"] = format_html(
                        '{} <span class="pending-count">({} pending)</span>', entry["name"], waiting
                    )
        return app_list


def pending_comments(request: HttpRequest) -> int:
    """How many comments await moderation: one COUNT on the queue's index, once a request.

    The index page asks twice (for its own list and for the sidebar's).
    """
    count = getattr(request, "_pending_comments", None)
    if count is None:
        count = request._pending_comments = Comment.objects.pending().count()  # type: ignore[attr-defined]
    return count
