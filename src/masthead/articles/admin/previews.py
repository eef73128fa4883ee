"""Seeing a story as readers will: its public link, its preview and reviewers' preview links.

The story's page shows, beside its status, its public address or, for a story not yet
public, a link to its preview and to the "Preview links" screen (its "View on site"
button leads to the preview too, until readers can see the story). That screen
(``…/<id>/preview-links/``) gives out a signed link for an outside reviewer (a note and a
lifetime), shows the address to copy, lists the story's links with their state, and
revokes them (POST), through ``services.create_preview_link`` and ``revoke_preview_link``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from masthead.articles import services
from masthead.articles.models import Article, PreviewLink
from masthead.articles.policy import rules
from masthead.articles.services import previews
from masthead.core import clock

SCREEN = "admin/articles/article/preview_links.html"


class PreviewLinkForm(forms.Form):
    """A reviewer's link: who it is for and how long it lasts."""

    note = forms.CharField(
        max_length=200, required=False, help_text="Who it is for, e.g. “Legal: Dana Whitfield”."
    )
    hours = forms.IntegerField(
        label="Lifetime (hours)",
        min_value=1,
        max_value=previews.MAX_HOURS,
        help_text=f"From 1 hour to {previews.MAX_HOURS // 24} days.",
    )


class PreviewScreens(admin.ModelAdmin):
    """The story's public link, its preview, and the screens of its reviewers' links."""

    def view_on_site(self, obj: Article) -> str:
        """Where the form's "View on site" leads: the public page, or the preview until then.

        Django's default, the public address, answers 404 for a story readers can't see yet.
        """
        if obj.is_visible:
            return obj.get_absolute_url()
        return reverse("articles:preview", args=[obj.pk])

    @admin.display(description="Public page")
    def view_on_site_link(self, obj: Article) -> str:
        if not obj.pk:
            return "Not visible to readers"
        if obj.is_visible:
            return format_html(
                '<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url()
            )
        active = obj.preview_links.filter(
            revoked_at__isnull=True, expires_at__gt=clock.now()
        ).count()
        return format_html(
            'Not visible to readers. <a href="{}">Preview</a> · <a href="{}">Preview links '
            "for reviewers</a> ({} active)",
            reverse("articles:preview", args=[obj.pk]),
            reverse("admin:articles_article_preview_links", args=[obj.pk]),
            active,
        )

    def get_urls(self) -> list[URLPattern]:
        """The preview-link screens, ahead of the catch-all ``<id>/`` of the parents' URLs."""
        wrap = self.admin_site.admin_view
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        mine = [
            path(
                "<path:object_id>/preview-links/",
                wrap(self.preview_links_view),
                name=f"{info}_preview_links",
            ),
            path(
                "<path:object_id>/preview-links/<int:link_id>/revoke/",
                wrap(require_POST(self.revoke_preview_link_view)),
                name=f"{info}_preview_revoke",
            ),
        ]
        return mine + super().get_urls()

    def preview_links_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """List the story's reviewer links; on POST, give out a new one."""
        article = self._story(request, object_id)
        shares = previews.may_share(request.user, article)
        form = PreviewLinkForm(
            request.POST if request.method == "POST" else None,
            initial={"hours": settings.PREVIEW_LINK_HOURS},
        )
        if request.method == "POST":
            if not shares:
                raise PermissionDenied
            if form.is_valid():
                made = self._create(request, article, form)
                if made is not None:
                    screen = reverse("admin:articles_article_preview_links", args=[article.pk])
                    return HttpResponseRedirect(f"{screen}?made={made.pk}")
        context = self._screen_context(request, article, form, shares=shares)
        return TemplateResponse(request, SCREEN, context)

    def revoke_preview_link_view(
        self, request: HttpRequest, object_id: str, link_id: int
    ) -> HttpResponse:
        """Revoke one of the story's links (POST only) and go back to the list."""
        article = self._story(request, object_id)
        link = PreviewLink.objects.filter(pk=link_id, article=article).first()
        if link is None:
            raise Http404("No such preview link.")
        try:
            services.revoke_preview_link(link=link, by=request.user)
        except services.NotAllowed as refusal:
            raise PermissionDenied(str(refusal)) from None
        messages.success(request, f"Revoked the preview link {_named(link)}: it no longer works.")
        return HttpResponseRedirect(
            reverse("admin:articles_article_preview_links", args=[article.pk])
        )

    def _story(self, request: HttpRequest, object_id: str) -> Article:
        """The story ``object_id`` if the user may see it; else, as for no story, 404."""
        article = Article.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        if article is None or not rules.may_view(request.user, article):
            raise Http404("No such story.")
        return article

    def _create(self, request: HttpRequest, article: Article, form: PreviewLinkForm) -> Any:
        """Give out the link the form asks for; a refusal becomes the form's error."""
        try:
            link, _ = services.create_preview_link(
                article=article,
                by=request.user,
                note=form.cleaned_data["note"],
                hours=form.cleaned_data["hours"],
            )
        except services.NotAllowed as refusal:
            form.add_error(None, str(refusal))
            return None
        messages.success(request, f"Made a preview link {_named(link)}: copy it below.")
        return link

    def _screen_context(
        self, request: HttpRequest, article: Article, form: PreviewLinkForm, *, shares: bool
    ) -> dict[str, Any]:
        links = list(
            article.preview_links.select_related("created_by", "revoked_by").order_by(
                "-created_at", "-pk"
            )
        )
        rows = [_row(request, link) for link in links]
        made = request.GET.get("made", "")
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"Preview links: {article}",
            "subtitle": None,
            "form": form,
            "may_share": shares,
            "rows": rows,
            "made": next((r for r in rows if str(r["link"].pk) == made), None),
            "preview_url": reverse("articles:preview", args=[article.pk]),
            "is_visible": article.is_visible,
            "media": self.media + form.media,
        }


def _row(request: HttpRequest, link: PreviewLink) -> dict[str, Any]:
    """What the list shows of ``link``: its state and, while it works, its address."""
    state = previews.link_state(link)
    url = request.build_absolute_uri(previews.preview_link_path(link)) if state == "active" else ""
    return {"link": link, "state": state, "url": url}


def _named(link: PreviewLink) -> str:
    return f"“{link.note}”" if link.note else f"of {link.created_at:%Y-%m-%d %H:%M}"
