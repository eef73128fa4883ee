"""The admin site: titled for the newsroom, the dashboard its front page, comments counted.

Its sign-in is throttled (``masthead.backoffice.signin``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import format_html

from masthead.backoffice import signin
from masthead.backoffice.dashboard import Dashboard, pending_comments
from masthead.comments.models import Comment


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Masthead newsroom"
    site_title = "Masthead"
    index_title = "Back office"
    # A name of its own: "admin/index.html" would be found in Django's admin app first.
    index_template = "backoffice/dashboard.html"
    login_form = signin.SignInForm

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        """Django's sign-in page; a 429 when too many failed sign-ins refuse this one."""
        response: HttpResponse = super().login(request, extra_context)
        return signin.refused(response)

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        """The dashboard (``backoffice.dashboard``) above the list of apps."""
        context = {"dashboard": Dashboard(request), **(extra_context or {})}
        return super().index(request, context)

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
