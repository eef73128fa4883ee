"""A story's revisions in the back office: the newest on its page, history, compare, restore.

Reading a story's revisions needs ``rules.may_view``; restoring one needs
``rules.may_edit``, and ``restore_revision`` asks the same rules again, so a forged POST
gets the same clear refusal as the page would have shown.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from masthead.articles import revisions
from masthead.articles.models import Article, Revision
from masthead.articles.policy import rules
from masthead.articles.services import EditConflict, NotAllowed, restore_revision
from masthead.articles.services.revisions import restoration

TEMPLATES = "admin/articles/article/"


class NewestRevisions(BaseInlineFormSet):
    """No forms, only the newest revisions to list: nothing is posted back or checked.

    The revisions are read-only, and a form per row would break a save whenever one of
    them was pruned or a newer one arrived while the story was open.
    """

    shown = 10

    def get_queryset(self) -> Any:
        return Revision.objects.none()

    @cached_property
    def newest(self) -> list[Revision]:
        """The newest revisions, each told whether an older one exists to compare it with."""
        if self.instance.pk is None:
            return []
        rows = list(
            Revision.objects.filter(article_id=self.instance.pk)
            .select_related("by")
            .defer("dek", "body", "data")[: self.shown + 1]
        )
        for index, row in enumerate(rows):
            row.has_previous = index + 1 < len(rows)  # type: ignore[attr-defined]
            _label(row)
        return rows[: self.shown]


class RevisionInline(admin.TabularInline):
    """The newest revisions on the story's page, with links to compare and restore."""

    model = Revision
    formset = NewestRevisions
    template = TEMPLATES + "revision_inline.html"
    fields = ()
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = "revisions"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or rules.may_view(request.user, obj)


class RevisionScreens(admin.ModelAdmin):
    """The story's revision screens (history, compare, restore) and their list on its page."""

    revision_inlines = [RevisionInline]
    history_per_page = 50

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}_revision"
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/revisions/", view(self.revisions_view), name=f"{name}s"),
            path(
                "<path:object_id>/revisions/compare/",
                view(self.revision_compare_view),
                name=f"{name}_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                view(self.revision_restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def revisions_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Every revision of the story, newest first, a page at a time, to pick two."""
        article = self._viewable(request, object_id)
        history = (
            Revision.objects.filter(article=article)
            .select_related("by")
            .defer("dek", "body", "data")
        )
        page = Paginator(history, self.history_per_page).get_page(request.GET.get("page"))
        for row in page:
            _label(row)
        context = {
            **self._context(request, article, f"Revisions of “{article.title}”"),
            "page": page,
            "may_restore": rules.may_edit(request.user, article),
        }
        return TemplateResponse(request, TEMPLATES + "revision_history.html", context)

    def revision_compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Two revisions side by side: ``?from=&to=`` (ids); without them, the newest two."""
        article = self._viewable(request, object_id)
        newer = self._revision(article, request.GET.get("to"))
        older = self._revision(article, request.GET.get("from"), before=newer)
        if older is not None and (older.created_at, older.pk) > (newer.created_at, newer.pk):
            older, newer = newer, older
        for side in (older, newer):
            _label(side)
        context = {
            **self._context(request, article, f"Compare revisions of “{article.title}”"),
            "older": older,
            "newer": newer,
            "comparison": revisions.compare(older, newer) if older else None,
            "may_restore": rules.may_edit(request.user, article),
        }
        return TemplateResponse(request, TEMPLATES + "revision_compare.html", context)

    def revision_restore_view(
        self, request: HttpRequest, object_id: str, revision_id: int
    ) -> HttpResponse:
        """GET: what restoring would change, and a button; POST: restore it."""
        article = self._viewable(request, object_id)
        revision = _label(get_object_or_404(Revision, pk=revision_id, article=article))
        refusal = "" if rules.may_edit(request.user, article) else _refusal(request, article)
        problem = ""
        if request.method == "POST" and not refusal:
            try:
                restore_revision(
                    revision=revision, by=request.user, expected_version=_version(request)
                )
            except NotAllowed as refused:
                refusal = str(refused)
            except EditConflict as conflict:
                problem = str(conflict) + " Look at the changes again before restoring."
            else:
                return self._restored(request, article, revision)
            article.refresh_from_db()
        return self._confirmation(request, article, revision, refusal=refusal, problem=problem)

    def _confirmation(
        self, request: HttpRequest, article: Article, revision: Revision, *, refusal: str,
        problem: str,
    ) -> HttpResponse:  # fmt: skip
        current = Revision.objects.filter(article=article).select_related("by").first()
        context = {
            **self._context(request, article, f"Restore version {revision.version}?"),
            "revision": revision,
            "comparison": revisions.compare(current, revision) if current else None,
            "missing": restoration(revision=revision).missing,
            "refusal": refusal,
            "problem": problem,
        }
        status = 403 if refusal else 409 if problem else 200
        return TemplateResponse(
            request, TEMPLATES + "revision_restore.html", context, status=status
        )

    def _restored(self, request: HttpRequest, article: Article, revision: Revision) -> HttpResponse:
        article.refresh_from_db()
        missing = restoration(revision=revision).missing
        said = f"Version {revision.version} restored, saved as version {article.version}."
        if missing:
            said += f" Left out, deleted since: {', '.join(missing)}."
        self.log_change(request, article, f"Restored version {revision.version}.")
        self.message_user(request, said, messages.WARNING if missing else messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[article.pk])
        )

    def _viewable(self, request: HttpRequest, object_id: str) -> Article:
        article = Article.objects.filter(pk=_pk(object_id)).first()
        if article is None:
            raise Http404("No story has this number; it may have been deleted.")
        if not rules.may_view(request.user, article):
            raise PermissionDenied
        return article

    @staticmethod
    def _revision(article: Article, wanted: str | None, before: Revision | None = None) -> Any:
        """The story's revision ``wanted`` (an id); else its newest, or the one ``before``."""
        history = Revision.objects.filter(article=article).select_related("by")
        if wanted:
            return get_object_or_404(history, pk=_pk(wanted))
        if before is None:
            newest = history.first()
            if newest is None:
                raise Http404("This story has no revisions yet.")
            return newest
        earlier = Q(created_at__lt=before.created_at) | Q(
            created_at=before.created_at, pk__lt=before.pk
        )
        return history.filter(earlier).first()

    def _context(self, request: HttpRequest, article: Article, title: str) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "has_view_permission": True,
        }


def _label(revision: Revision | None) -> Any:
    """``revision`` with its ``state_label`` for the templates."""
    if revision is not None:
        revision.state_label = revisions.state_label(revision)  # type: ignore[attr-defined]
    return revision


def _pk(text: str) -> int:
    value = unquote(str(text))
    if not value.isdigit():
        raise Http404("Revisions and stories are numbered; this is not a number.")
    return int(value)


def _version(request: HttpRequest) -> int | None:
    text = request.POST.get("base_version", "")
    return int(text) if text.isdigit() else None


def _refusal(request: HttpRequest, article: Article) -> str:
    """Why the user may not restore a revision of ``article``, in the rules' own words."""
    said = rules.refusal(request.user, article, was=article.status, now=article.status)
    return said or "You can't edit this story."
