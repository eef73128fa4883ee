"""The admin site: titled for the newsroom, the dashboard its front page, comments counted.

Its sign-in is throttled and has a second step for members with two-factor sign-in
(``masthead.backoffice.signin``); each member's "Two-factor sign-in" screens are its
own (``masthead.backoffice.enrolment``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from itertools import islice
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.text import smart_split
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from masthead.backoffice import enrolment, signin
from masthead.backoffice.dashboard import Dashboard, pending_comments
from masthead.comments.models import Comment

ViewType = TypeVar("ViewType", bound=Callable[..., HttpResponseBase])

# A search reads at most this many words of at most this many characters: Django's admin
# matches every word against every search field, so a pasted page of text would cost a
# query of thousands of terms. The search box then shows what was searched.
SEARCH_WORDS = 10
SEARCH_WORD_CHARS = 100


def bound_search(request: HttpRequest) -> None:
    """Cut the request's ``q`` and ``term`` to ``SEARCH_WORDS`` words of bounded length."""
    asked = {key: request.GET[key] for key in ("q", "term") if key in request.GET}
    cut = {key: bounded_words(text) for key, text in asked.items()}
    if cut != asked:
        query = request.GET.copy()
        for key, text in cut.items():
            query[key] = text
        query._mutable = False
        request.GET = query  # type: ignore[assignment]  # a QueryDict, immutable as Django's


def bounded_words(text: str) -> str:
    """``text``'s first ``SEARCH_WORDS`` words ("quoted phrases" count as one), each cut.

    >>> bounded_words("a " * 12 + "b" * 200)[:20]
    'a a a a a a a a a a'
    >>> bounded_words('"' + "x" * 150 + '" y') == '"' + "x" * 100 + '" y'
    True
    """
    words = list(islice(smart_split(text), SEARCH_WORDS + 1))
    kept = [_cut(word) for word in words[:SEARCH_WORDS]]
    return text if kept == words else " ".join(kept)


def _cut(word: str) -> str:
    """``word`` at most ``SEARCH_WORD_CHARS`` long; a quoted phrase keeps its quotes."""
    if len(word) > 1 and word[0] in "\"'" and word[-1] == word[0]:
        return f"{word[0]}{word[1:-1][:SEARCH_WORD_CHARS]}{word[0]}"
    return word[:SEARCH_WORD_CHARS]


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Masthead newsroom"
    site_title = "Masthead"
    index_title = "Back office"
    # A name of its own: "admin/index.html" would be found in Django's admin app first.
    index_template = "backoffice/dashboard.html"
    login_form = signin.SignInForm

    @method_decorator(never_cache)
    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        """Django's sign-in page, stopping before the second step when it is due.

        As Django's ``AdminSite.login``, with ``signin.PasswordStep`` for its view; a 429
        when too many failed sign-ins refuse this one.
        """
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": "Log in",
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        view = signin.PasswordStep.as_view(
            extra_context=context,
            authentication_form=self.login_form,
            template_name=self.login_template or "admin/login.html",
        )
        return signin.refused(view(request))  # type: ignore[arg-type]  # a TemplateResponse

    @method_decorator(never_cache)
    @method_decorator(csrf_protect)
    def login_code(self, request: HttpRequest) -> HttpResponse:
        """The sign-in's second step: a code from the member's app or a recovery code."""
        request.current_app = self.name
        return signin.second_step(request, self.each_context(request))

    def get_urls(self) -> list[URLResolver | URLPattern]:
        """The second step of the sign-in, and each member's two-factor screens."""
        return [
            path("login/code/", self.login_code, name="login_code"),
            path("two-factor/", self._own(enrolment.overview), name="twofactor"),
            path("two-factor/set-up/", self._own(enrolment.set_up), name="twofactor_set_up"),
            path(
                "two-factor/recovery-codes/",
                self._own(require_POST(enrolment.recovery_codes)),
                name="twofactor_codes",
            ),
            path(
                "two-factor/turn-off/",
                self._own(require_POST(enrolment.turn_off)),
                name="twofactor_off",
            ),
            *super().get_urls(),
        ]

    def admin_view(self, view: ViewType, cacheable: bool = False) -> ViewType:
        """Every screen, with its search (``q``, or an autocomplete's ``term``) bounded."""
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def bounded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            bound_search(request)
            return inner(request, *args, **kwargs)

        return cast(ViewType, bounded)

    def _own(self, screen: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        """A member's own screen: signed in, with the admin's context."""

        def view(request: HttpRequest) -> HttpResponse:
            return screen(request, self.each_context(request))

        return self.admin_view(view)

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
