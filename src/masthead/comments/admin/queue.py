"""The moderation queue: every comment, its thread, the editor's verdicts and replies.

Statuses change only through ``services.moderate_comments`` (bulk actions, the buttons
on a comment's page, the status field of its form) and rows go only through
``services.delete_comments`` (Django's delete confirmation stays in front of it). An
editor's reply from a comment's page goes through ``services.reply_as_staff``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.urls import URLPattern, path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from masthead.articles.admin import URL_FIELDS
from masthead.comments import services
from masthead.comments.admin.filters import ArticleFilter, StatusFilter
from masthead.comments.models import Comment

Status = Comment.Status


@dataclass(frozen=True)
class Verdict:
    """A status an editor can give: its bulk action, its button, and how it is reported."""

    status: str
    action: str
    description: str
    button: str
    done: str

    def report(self, count: int) -> str:
        """E.g. "3 comments approved."."""
        return f"{count} comment{'' if count == 1 else 's'} {self.done}."


VERDICTS = [
    Verdict(Status.APPROVED, "approve", "Approve selected comments", "Approve", "approved"),
    Verdict(Status.PENDING, "unapprove", "Unapprove selected comments (back to pending)",
            "Unapprove", "sent back to pending"),
    Verdict(Status.SPAM, "mark_spam", "Mark selected comments as spam", "Mark as spam",
            "marked as spam"),
    Verdict(Status.TRASH, "trash", "Move selected comments to the trash", "Move to trash",
            "moved to the trash"),
]  # fmt: skip
BY_STATUS = {verdict.status: verdict for verdict in VERDICTS}


def bulk_action(verdict: Verdict) -> Callable[..., None]:
    """The admin action that gives the selected comments ``verdict``'s status."""

    def action(model_admin: CommentAdmin, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        changed = services.moderate_comments(
            comments=queryset, status=verdict.status, by=request.user
        )
        model_admin.message_user(request, verdict.report(changed), messages.SUCCESS)

    action.__name__ = verdict.action
    return admin.action(description=verdict.description, permissions=["change"])(action)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["author", "excerpt", "on_article", "in_reply_to", "status", "held_because",
                    "spam_percent", "submitted"]  # fmt: skip
    list_display_links = ["excerpt"]
    list_filter = [StatusFilter, ArticleFilter]
    list_select_related = ["article", "parent"]
    show_facets = admin.ShowFacets.NEVER  # the status filter counts on its own
    show_full_result_count = False  # a second COUNT of a big table on every filtered page
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    search_fields = ["author_name", "author_email", "body", "ip_address", "article__title"]
    search_help_text = "Searches names, email and IP addresses, comments and headlines."
    actions = [bulk_action(verdict) for verdict in VERDICTS]
    formfield_overrides = URL_FIELDS
    fieldsets = [
        (None, {"fields": ["status", "body"]}),
        ("Commenter", {"fields": ["author_name", "author_url", "author_email", "ip_address",
                                  "user_agent", "user"]}),
        ("Moderation", {"fields": ["held_because", "spam_percent", "created_at",
                                   "status_changed_at", "moderated_by"]}),
    ]  # fmt: skip
    readonly_fields = [
        "author_email", "ip_address", "user_agent", "user",
        "held_because", "spam_percent", "created_at", "status_changed_at", "moderated_by",
    ]  # fmt: skip
    change_form_template = "admin/comments/comment/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        # Every screen names a comment by its article's headline (``Comment.__str__``), so
        # the article comes along everywhere, its text deferred as dead weight. The list's
        # joins are named here too: Django adds ``list_select_related`` only to a queryset
        # that selects nothing related yet.
        return (
            super()
            .get_queryset(request)
            .select_related(*self.list_select_related)
            .defer("article__body", "article__body_html", "article__excerpt")
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments come from readers

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions: dict[str, Any] = super().get_actions(request)
        if "delete_selected" in actions:  # last in the menu, and said plainly
            function, name, _ = actions.pop("delete_selected")
            actions[name] = (function, name, "Delete selected comments forever")
        return actions

    # The list ------------------------------------------------------------------------------

    @admin.display(description="author", ordering="author_name")
    def author(self, comment: Comment) -> str:
        # The email and IP address search the queue for everything else from the sender.
        sender = format_html(
            '<strong>{}</strong><br><a href="?{}" title="Comments from this address">{}</a>',
            comment.author_name,
            urlencode({"q": comment.author_email}),
            comment.author_email,
        )
        if not comment.ip_address:
            return sender
        return format_html(
            '{}<br><a href="?{}" title="Comments from this IP address">{}</a>',
            sender,
            urlencode({"q": comment.ip_address}),
            comment.ip_address,
        )

    @admin.display(description="comment")
    def excerpt(self, comment: Comment) -> str:
        return Truncator(comment.body).chars(120)

    @admin.display(description="article", ordering="article__title")
    def on_article(self, comment: Comment) -> str:
        article = comment.article
        links = format_html(
            '<a href="{}">{}</a><br><a href="?{}">comments on it</a>',
            reverse(f"{self.admin_site.name}:articles_article_change", args=[article.pk]),
            Truncator(article.title).chars(80),
            urlencode({ArticleFilter.parameter_name: article.pk}),
        )
        if not article.is_visible:
            return links
        return format_html('{} · <a href="{}">public page</a>', links, article.get_absolute_url())

    @admin.display(description="in reply to", ordering="parent__author_name")
    def in_reply_to(self, comment: Comment) -> str | None:
        if comment.parent is None:
            return None
        return format_html(
            '<a href="{}">{}</a>', self.change_url(comment.parent), comment.parent.author_name
        )

    @admin.display(description="spam score", ordering="spam_score")
    def spam_percent(self, comment: Comment) -> str | None:
        return None if comment.spam_score is None else f"{comment.spam_score:.0%}"

    @admin.display(description="submitted", ordering="created_at")
    def submitted(self, comment: Comment) -> Any:
        return comment.created_at

    def change_url(self, comment: Comment) -> str:
        return reverse(f"{self.admin_site.name}:comments_comment_change", args=[quote(comment.pk)])

    # Saving and deleting -------------------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: Comment, form: Any, change: bool) -> None:
        """Save the edited text; hand a new status to the moderation service."""
        status, obj.status = obj.status, form.initial["status"]
        obj.save(update_fields=[name for name in form.changed_data if name != "status"])
        services.moderate_comments(comments=[obj], status=status, by=request.user)

    def delete_model(self, request: HttpRequest, obj: Comment) -> None:
        services.delete_comments(comments=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        services.delete_comments(comments=queryset)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        """What the confirmation page lists: the comments alone.

        Django's cascade would name their replies too, but ``services.delete_comments``
        keeps those (moved up a level).
        """
        comments = list(objs)
        _, _, perms_needed, protected = super().get_deleted_objects(comments, request)
        listed = [
            format_html('Comment: <a href="{}">{}</a>', self.change_url(c), c) for c in comments
        ]
        return listed, {self.opts.verbose_name_plural: len(listed)}, perms_needed, protected

    # One comment's page: its thread, a button a verdict, and a reply ----------------------

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        own = [
            path(
                "<path:object_id>/moderate/",
                self.admin_site.admin_view(self.moderate_view),
                name=f"{name}_moderate",
            ),
            path(
                "<path:object_id>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name=f"{name}_reply",
            ),
        ]
        return [*own, *super().get_urls()]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Comment | None = None,
    ) -> HttpResponse:
        if obj is not None:
            may_moderate = self.has_change_permission(request, obj)
            context.update(
                ancestors=ancestors(obj),
                replies=list(obj.replies.order_by("created_at", "pk")),
                verdicts=[v for v in VERDICTS if v.status != obj.status] if may_moderate else [],
                may_reply=may_moderate,
                reply_problem=services.staff_reply_problem(parent=obj) if may_moderate else "",
                reply_byline=services.staff_byline(request.user) if may_moderate else "",
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @method_decorator(require_POST)
    def moderate_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Give one comment the status its page's button names."""
        comment = self.get_object(request, unquote(object_id))
        if comment is None:
            raise Http404("No such comment.")
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        verdict = BY_STATUS.get(request.POST.get("status", ""))
        if verdict is None:
            return HttpResponseBadRequest("Unknown status.")
        changed = services.moderate_comments(
            comments=[comment], status=verdict.status, by=request.user
        )
        self.message_user(request, verdict.report(changed), messages.SUCCESS)
        return self.response_post_save_change(request, comment)

    @method_decorator(require_POST)
    def reply_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Publish the editor's reply to one comment, or show its page again saying why not."""
        comment = self.get_object(request, unquote(object_id))
        if comment is None:
            raise Http404("No such comment.")
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        text = request.POST.get("reply", "")
        try:
            reply = services.reply_as_staff(
                parent=comment,
                user=request.user,
                body=text,
                ip_address=request.META.get("REMOTE_ADDR"),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
        except services.CommentRejected as exc:
            return self.refused_reply(request, object_id, text, exc)
        public = f"{reply.article.get_absolute_url()}#comment-{reply.pk}"
        done = format_html('Reply published: <a href="{}">see it on the article</a>.', public)
        self.message_user(request, done, messages.SUCCESS)
        back: dict[str, Any] = {"preserved_filters": self.get_preserved_filters(request)}
        back["opts"] = self.opts
        return HttpResponseRedirect(add_preserved_filters(back, self.change_url(comment)))

    def refused_reply(
        self, request: HttpRequest, object_id: str, text: str, exc: services.CommentRejected
    ) -> HttpResponse:
        """The comment's page again, the editor's text still in the box, the reason beside it."""
        # Django's change view saves its form on POST; showing the page is its GET.
        as_page = copy.copy(request)
        as_page.method = "GET"
        response = self.change_view(
            as_page, object_id, extra_context={"reply_text": text, "reply_error": str(exc)}
        )
        response.status_code = exc.status_code
        return response


def ancestors(comment: Comment) -> list[Comment]:
    """The comments ``comment`` replies to, the thread's first one first (usually one query)."""
    if comment.parent_id is None:
        return []
    path_up = "__".join(["parent"] * max(comment.depth, 1))
    node = Comment.objects.select_related(path_up).get(pk=comment.pk).parent
    chain: list[Comment] = []
    while node is not None and node not in chain:  # a loop in imported data ends here
        chain.append(node)
        node = node.parent
    return chain[::-1]
