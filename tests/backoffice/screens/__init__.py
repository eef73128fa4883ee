"""Every screen of the back office and how to reach it: the one list vnu and axe go through.

``build()`` fills the database with a small newsroom that has something on every screen
(``newsroom.make``: stories in every state, two revisions to compare, preview links, a
comment waiting in a thread, audit entries, members with bylines, wire feeds, webhooks,
tokens) and returns the screens by name. A ``Screen`` says who looks at it (a member of
one of the four roles, or nobody signed in), its address and, for a screen that only a
POST shows (the conflict screen, the bulk "change section" page, a form shown again with
its errors), the fields of that POST. ``fetch`` gets one with Django's test ``Client``.

``build`` works under ``django_db`` and under ``transactional_db`` with ``live_server``,
where the roles' groups must first be put back (``tests/backoffice/conftest.py``'s
``roles`` fixture): it makes its members in them.

Each POST here changes nothing (it is refused, or it asks a question first; the one
making recovery codes makes new ones each time, and the sign-in's password step leaves
its second step waiting), so the screens can be fetched in any order, as often as
wanted; a browser shows one by posting ``Screen.post`` to ``Screen.url`` from a page of
the same user, which carries the CSRF token.

To add a screen: make what it needs in ``newsroom.make`` (or its helpers), then add an
entry to the function for its part of the back office here (``_stories``,
``_story_forms``, ``_comments``, ``_people``, ``_other_forms``, ...) naming who sees it,
its URL, the POST if a POST shows it, and the status it answers with if not 200. Every
registered model gets its list, add and change screens from ``_models`` without anything
to write (``test_admin_validity`` fails if one is missing); a model whose screens use
templates of their own needs its own entries as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client, RequestFactory, TestCase
from django.urls import reverse

from masthead.articles import services
from masthead.articles.admin import bulk
from masthead.articles.models import Article, Category, Revision, Tag
from masthead.backoffice.roles import ADMINISTRATOR, AUTHOR, CONTRIBUTOR, EDITOR
from masthead.comments.models import Comment
from masthead.core.singleton import SingletonAdmin
from tests.backoffice.forms import form_data
from tests.backoffice.screens.newsroom import Newsroom, make

# The models whose delete confirmation and history are listed too. Those are Django's
# templates whatever the model; what they list differs: a story's bylines and revisions,
# a comment's own list of what goes, a section's stories, a member's groups.
WHOLE = {Article, Comment, Category, get_user_model()}


@dataclass(frozen=True)
class Screen:
    """One screen: who looks at it, where, and the POST that shows it (None: a GET).

    ``shows`` is a CSS selector only this screen matches, for screens that a mistake in
    the set-up would replace by another valid page (a POST answered by a redirect, a
    form shown again without its errors). ``follow``: the POST's answer is a redirect to
    the screen (the sign-in's second step), followed as a browser does.
    """

    user: Any  # a member, or None for nobody signed in
    url: str
    post: dict[str, Any] | None = None
    status: int = 200
    shows: str = ""
    follow: bool = False


def fetch(screen: Screen) -> Any:
    """The test client's response to ``screen``, signed in as its user."""
    client = Client()
    if screen.user is not None:
        client.force_login(screen.user)
    if screen.post is None:
        return client.get(screen.url)
    return client.post(screen.url, screen.post, follow=screen.follow)


def build() -> dict[str, Screen]:
    """Fill the database with a small newsroom and return every screen of it, by name."""
    # Receivers that run after the commit (the audit log, the webhooks' queue) run here
    # too under ``django_db``, whose test never commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        room = make()
    return {
        **_entrance(room),
        **_dashboards(room),
        **_stories(room),
        **_story_forms(room),
        **_comments(room),
        **_people(room),
        **_two_factor(room),
        **_other_forms(room),
        **_models(room),
    }


def _entrance(room: Newsroom) -> dict[str, Screen]:
    """Signing in and out, and the password."""
    ada = room.people[ADMINISTRATOR]
    return {
        "login": Screen(None, reverse("admin:login") + "?next=/admin/"),
        "login-failed": Screen(
            None, reverse("admin:login"), {"username": "ada", "password": "no"}, shows=".errornote"
        ),
        "password-change": Screen(ada, reverse("admin:password_change")),
        "password-change-done": Screen(ada, reverse("admin:password_change_done")),
        "logout": Screen(ada, reverse("admin:logout"), {}),
    }


def _dashboards(room: Newsroom) -> dict[str, Screen]:
    """The front page of each role, and an app's page."""
    screens = {
        f"dashboard-{role.lower()}": Screen(user, reverse("admin:index"))
        for role, user in room.people.items()
    }
    screens["app-articles"] = Screen(
        room.people[ADMINISTRATOR], reverse("admin:app_list", args=["articles"])
    )
    return screens


def _stories(room: Newsroom) -> dict[str, Screen]:
    """The story list's views, the revisions, the preview links, the bulk change."""
    editor, author = room.people[EDITOR], room.people[AUTHOR]
    story, stories = room.stories["published"], reverse("admin:articles_article_changelist")
    older, newer = Revision.objects.filter(article=story).order_by("created_at", "pk")[:2]
    refile = {"action": "refile", "_selected_action": [story.pk, room.stories["review"].pk]}
    links = reverse("admin:articles_article_preview_links", args=[room.stories["draft"].pk])
    made = room.stories["draft"].preview_links.filter(revoked_at__isnull=True).get()
    return {
        "stories-in-review": Screen(editor, f"{stories}?state=review"),
        "stories-scheduled": Screen(editor, f"{stories}?state=scheduled"),
        "stories-mine": Screen(author, f"{stories}?mine=1"),
        "stories-search": Screen(editor, f"{stories}?q=story&body=1"),
        "stories-refile": Screen(
            editor, stories, {**refile, "index": "0"}, shows=f'input[name="{bulk.APPLY}"]'
        ),
        "stories-refile-errors": Screen(
            editor,
            stories,
            {**refile, bulk.APPLY: "Change them", "add_tags": "no such tag"},
            shows=".errorlist",
        ),
        "story-revisions": Screen(editor, _story_url("revisions", story)),
        "story-compare": Screen(
            editor, _story_url("revision_compare", story) + f"?from={older.pk}&to={newer.pk}"
        ),
        "story-restore": Screen(
            editor, reverse("admin:articles_article_revision_restore", args=[story.pk, older.pk])
        ),
        "story-restore-refused": Screen(
            author,
            reverse("admin:articles_article_revision_restore", args=[story.pk, older.pk]),
            status=403,
            shows=".errornote",
        ),
        "story-outside-pictures": Screen(
            editor, _story_url("outside_pictures", room.stories["review"]), shows="tbody td"
        ),
        "story-outside-pictures-none": Screen(
            author, _story_url("outside_pictures", room.stories["colleague"])
        ),
        "story-preview-links": Screen(editor, links),
        "story-preview-link-made": Screen(editor, f"{links}?made={made.pk}"),
    }


def _story_forms(room: Newsroom) -> dict[str, Screen]:
    """The story's form for each kind of user, with errors, and the conflict screen."""
    editor, author, contributor = (room.people[r] for r in (EDITOR, AUTHOR, CONTRIBUTOR))
    conflict, errors = room.stories["conflict"], room.stories["errors"]
    stale = _form(editor, _story_url("change", conflict))
    services.save_article(article=conflict, by=room.people[ADMINISTRATOR])  # saved since
    return {
        "story-editor": Screen(
            editor, _story_url("change", room.stories["published"]), shows="#editing-kept-title"
        ),
        "story-contributor": Screen(contributor, _story_url("change", room.stories["draft"])),
        "story-read-only": Screen(author, _story_url("change", room.stories["colleague"])),
        "story-new-contributor": Screen(contributor, reverse("admin:articles_article_add")),
        "story-errors": Screen(
            editor,
            _story_url("change", errors),
            {**_form(editor, _story_url("change", errors)), "title": ""},
            shows=".errornote",
        ),
        "story-conflict": Screen(
            editor,
            _story_url("change", conflict),
            {**stale, "dek": "My standfirst."},
            shows=".editing-conflict",
        ),
    }


def _comments(room: Newsroom) -> dict[str, Screen]:
    """A comment's moderation screen with its thread and reply box; a refused reply."""
    editor, comment = room.people[EDITOR], room.comment
    return {
        "comment-moderation": Screen(
            editor,
            reverse("admin:comments_comment_change", args=[comment.pk]),
            shows="#comment-reply textarea",
        ),
        "comment-reply-refused": Screen(
            editor,
            reverse("admin:comments_comment_reply", args=[comment.pk]),
            {"reply": "  "},
            status=400,
            shows="#comment-reply .errornote",
        ),
        "comments-waiting": Screen(
            editor, reverse("admin:comments_comment_changelist") + "?status=pending"
        ),
    }


def _people(room: Newsroom) -> dict[str, Screen]:
    """Adding a member with mistakes, and a member's password."""
    ada, member = room.people[ADMINISTRATOR], room.people[EDITOR]
    return {
        "people-add-errors": Screen(
            ada,
            reverse("admin:auth_user_add"),
            {
                "username": "",
                "email": "not an address",
                "role": EDITOR,
                "byline": "new",
                "usable_password": "true",
                "password1": "one",
                "password2": "two",
            },
            shows=".errornote",
        ),
        "people-password": Screen(
            ada, reverse("admin:auth_user_password_change", args=[member.pk])
        ),
    }


def _two_factor(room: Newsroom) -> dict[str, Screen]:
    """The sign-in's second step, a member's two-factor screens, an Administrator's reset.

    The POSTs that make recovery codes make new ones each time (any order still works).
    """
    ada, ed, ann, cora = (room.people[r] for r in (ADMINISTRATOR, EDITOR, AUTHOR, CONTRIBUTOR))
    own, codes = reverse("admin:twofactor"), reverse("admin:twofactor_codes")
    password = {"username": "ada", "password": "pw-123456"}
    return {
        "login-code": Screen(None, reverse("admin:login"), password, follow=True, shows="#id_code"),
        "twofactor-off": Screen(cora, own, shows="input[name=start]"),
        "twofactor-on": Screen(ada, own, shows="input[name=codes-proof]"),
        "twofactor-set-up": Screen(ann, reverse("admin:twofactor_set_up"), shows="svg"),
        "twofactor-set-up-errors": Screen(
            ann, reverse("admin:twofactor_set_up"), {"code": "12345x"}, shows=".errorlist"
        ),
        "twofactor-codes": Screen(
            ada, codes, {"codes-proof": "pw-123456"}, shows=".twofactor-codes li"
        ),
        "twofactor-proof-refused": Screen(
            ada, reverse("admin:twofactor_off"), {"off-proof": "wrong"}, shows=".errorlist"
        ),
        "people-twofactor-reset": Screen(
            ada, reverse("admin:auth_user_twofactor_reset", args=[ed.pk])
        ),
    }


def _other_forms(room: Newsroom) -> dict[str, Screen]:
    """A form shown again with its errors, one in a popup, the bulk delete's question."""
    ada, tag = room.people[ADMINISTRATOR], Tag.objects.get(slug="models")
    return {
        "category-add-errors": Screen(
            ada, reverse("admin:articles_category_add"), {"name": ""}, shows=".errornote"
        ),
        "category-add-popup": Screen(
            ada, reverse("admin:articles_category_add") + "?_to_field=id&_popup=1"
        ),
        "tags-delete-selected": Screen(
            ada,
            reverse("admin:articles_tag_changelist"),
            {"action": "delete_selected", "_selected_action": [tag.pk], "index": "0"},
            shows='input[name="post"]',
        ),
    }


def _models(room: Newsroom) -> dict[str, Screen]:
    """Each registered model's list, add and change screens, as an Administrator.

    Named ``<app>-<model>-list``, ``-add``, ``-change``. A model kept to one row
    (``SingletonAdmin``) has no list: it opens its row, so its row is its "list". The
    delete confirmation and history are shown for the models in ``WHOLE``.
    """
    ada = room.people[ADMINISTRATOR]
    request = RequestFactory().get("/admin/")
    request.user = ada
    screens = {}
    for model, model_admin in admin.site._registry.items():
        obj = _sample(room, model, model_admin)
        name, info = f"{model._meta.app_label}-{model._meta.model_name}", _info(model)
        change = reverse(f"admin:{info}_change", args=[obj.pk])
        if isinstance(model_admin, SingletonAdmin):
            screens[f"{name}-list"] = Screen(ada, change)
            continue
        screens[f"{name}-list"] = Screen(ada, reverse(f"admin:{info}_changelist"))
        if model_admin.has_add_permission(request):
            screens[f"{name}-add"] = Screen(ada, reverse(f"admin:{info}_add"))
        screens[f"{name}-change"] = Screen(ada, change)
        if model in WHOLE:
            screens.update(_delete_and_history(room, model, obj, name))
    return screens


def _delete_and_history(
    room: Newsroom, model: type[models.Model], obj: Any, name: str
) -> dict[str, Screen]:
    ada, info = room.people[ADMINISTRATOR], _info(model)
    doomed = room.stories["trash"] if model is Article else obj  # only the trash is deleted
    return {
        f"{name}-delete": Screen(ada, reverse(f"admin:{info}_delete", args=[doomed.pk])),
        f"{name}-history": Screen(ada, reverse(f"admin:{info}_history", args=[obj.pk])),
    }


def _sample(room: Newsroom, model: type[models.Model], model_admin: Any) -> Any:
    """The row whose screens stand for the model's."""
    rows = model._default_manager.order_by("pk")
    found = room.samples.get(model) or rows.first()
    if found is None and isinstance(model_admin, SingletonAdmin):
        found = rows.create()
    if found is None:
        raise LookupError(f"The newsroom has no {model._meta.verbose_name} to show: make one.")
    return found


def _info(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}_{model._meta.model_name}"


def _story_url(view: str, story: Article) -> str:
    return reverse(f"admin:articles_article_{view}", args=[story.pk])


def _form(user: Any, url: str) -> dict[str, Any]:
    """The fields of the story form at ``url`` as ``user``'s browser would post them."""
    client = Client()
    client.force_login(user)
    return form_data(client.get(url))
