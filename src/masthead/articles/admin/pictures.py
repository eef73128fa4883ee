"""Pictures a story shows from other sites: said when it is saved, imported on request.

Pages show such a picture as a link to it (``core.sanitize``); the editor who saves the
story hears so, with a link to a screen that lists them and imports them into the
library with one button (``services.import_remote_images``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from masthead.articles import services
from masthead.articles.models import Article
from masthead.articles.policy import rules

TEMPLATE = "admin/articles/article/outside_pictures.html"


class PictureScreens(admin.ModelAdmin):
    """The story's "pictures from other sites" screen and the message that leads to it."""

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<path:object_id>/pictures/",
                self.admin_site.admin_view(self.outside_pictures_view),
                name="articles_article_outside_pictures",
            ),
            *super().get_urls(),
        ]

    def say_outside_pictures(self, request: HttpRequest, article: Article) -> None:
        """After a save: name the pictures shown as links, with the way to import them."""
        found = services.pictures_from_other_sites(article)
        if not found:
            return
        hosts = ", ".join(dict.fromkeys(host for _, _, host in found))
        url = reverse("admin:articles_article_outside_pictures", args=[article.pk])
        messages.warning(
            request,
            format_html(
                "This story shows {} picture(s) from other sites ({}) as links, so that "
                'readers\' browsers do not contact those sites. <a href="{}">Import them '
                "into the library</a> to show them as pictures.",
                len(found), hosts, url,
            ),
        )  # fmt: skip

    def outside_pictures_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """GET: the story's pictures from other sites and a button; POST: import them."""
        article = Article.objects.filter(pk=int(object_id) if object_id.isdigit() else 0).first()
        if article is None:
            raise Http404("No story has this number; it may have been deleted.")
        user: Any = request.user
        if not rules.may_view(user, article):
            raise PermissionDenied
        may_import = rules.may_edit(user, article) and user.has_perm("articles.add_image")
        if request.method == "POST":
            if not may_import:
                raise PermissionDenied
            return self._imported(request, article)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "original": article, "has_view_permission": True,
            "title": f"Pictures from other sites in “{article.title}”",
            "pictures": services.pictures_from_other_sites(article), "may_import": may_import,
        }  # fmt: skip
        return TemplateResponse(request, TEMPLATE, context)

    def _imported(self, request: HttpRequest, article: Article) -> HttpResponse:
        try:
            result = services.import_remote_images(article=article, by=request.user)
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            if result.imported:
                self.log_change(request, article, "Imported pictures from other sites.")
                messages.success(
                    request, f"{len(result.imported)} picture(s) now shown from the library."
                )
            for src, why in result.failed:
                messages.error(request, f"{src}: {why}. It stays a link.")
        return HttpResponseRedirect(
            reverse("admin:articles_article_outside_pictures", args=[article.pk])
        )
