"""The open story form: who else is on it, the autosave every 30 s, the text offered back."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from masthead.articles.models import Article, EditSession
from masthead.articles.models.people import person_name
from masthead.articles.policy import rules
from masthead.articles.services import editing


def _who(session: EditSession) -> dict[str, str]:
    user = session.user
    since = timezone.localtime(session.opened_at)
    return {
        "name": person_name(user),
        "since": since.strftime("%H:%M"),
    }


class EditingScreens(admin.ModelAdmin):
    """Presence and autosave around the story form (``articles/admin/editing.js`` drives it)."""

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("add/autosave/", wrap(self.autosave_view), name="articles_article_autosave_new"),
            path("add/discard/", wrap(self.discard_view), name="articles_article_discard_new"),
            path(
                "<path:object_id>/autosave/",
                wrap(self.autosave_view),
                name="articles_article_autosave",
            ),
            path(
                "<path:object_id>/discard/",
                wrap(self.discard_view),
                name="articles_article_discard",
            ),
            *super().get_urls(),
        ]

    def editing_context(self, request: HttpRequest, article: Article | None) -> dict[str, Any]:
        """What the form shows about others on the story and the user's kept text."""
        if request.method == "GET":
            editing.open_story(user=request.user, article=article)
        kept = editing.unsaved(user=request.user, article=article)
        others = editing.others_editing(article=article, user=request.user) if article else []
        name = "articles_article_autosave" if article else "articles_article_autosave_new"
        args = [article.pk] if article else []
        return {
            "editing_others": [_who(s) for s in others],
            "editing_kept": kept,
            "editing_url": reverse(f"admin:{name}", args=args),
            "editing_discard_url": reverse(
                f"admin:{name.replace('autosave', 'discard')}", args=args
            ),
        }

    def _article_for(self, request: HttpRequest, object_id: str | None) -> Article | None:
        """The story ``object_id`` names, if the user may edit it (None: a new story)."""
        user: Any = request.user
        if object_id is None:
            if not user.has_perm("articles.add_article"):
                raise PermissionDenied("You can't write stories.")
            return None
        article = self.get_object(request, object_id)
        if article is None or not rules.may_view(user, article):
            raise Http404("No such story.")
        if not rules.may_edit(user, article):
            raise PermissionDenied("You can't edit this story.")
        return article

    @staticmethod
    def _typed(request: HttpRequest) -> dict[str, str]:
        return {name: request.POST[name] for name in editing.TYPED_FIELDS if name in request.POST}

    def autosave_view(self, request: HttpRequest, object_id: str | None = None) -> HttpResponse:
        """Keep the posted fields (or only note presence); answer who else is on the story."""
        if request.method != "POST":
            return JsonResponse({"error": "POST the form's fields here."}, status=405)
        article = self._article_for(request, object_id)
        try:
            base = int(request.POST.get("base_version") or 0)
        except ValueError:
            base = 0
        session = editing.autosave(
            user=request.user, article=article, typed=self._typed(request), base_version=base
        )
        others = editing.others_editing(article=article, user=request.user) if article else []
        kept_at = timezone.localtime(session.typed_at).strftime("%H:%M") if session.typed_at else ""
        return JsonResponse({"kept_at": kept_at, "others": [_who(s) for s in others]})

    def discard_view(self, request: HttpRequest, object_id: str | None = None) -> HttpResponse:
        """Forget the user's kept text for the story and show its form again."""
        article = self._article_for(request, object_id)
        return require_POST(self._discard)(request, article)

    def _discard(self, request: HttpRequest, article: Article | None) -> HttpResponse:
        editing.close_story(user=request.user, article=article)
        messages.info(request, "The text kept from your earlier visit was discarded.")
        if article is None:
            return HttpResponseRedirect(reverse("admin:articles_article_add"))
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
