"""The role matrix: every role × every act on stories and people, through HTTP, as a table.

Each row of ``MATRIX`` is one act; its columns say what each role gets: the act done
(``OK``), refused (``NO``), or for opening a story, an editable or a read-only page. The
acts are done the way a browser (or someone forging its posts) does them: the admin's
forms and bulk actions with the test client, and the API with a token. A refused post
must change nothing (status, version, revisions) and say why on the page it returns.

The one who acts is "me", with a byline of their own; "a colleague" is an Author.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import masthead.backoffice.people  # noqa: F401 (registers the people screens, as admin.py will)
from masthead.articles.models import Article, Author, Image, Revision
from masthead.backoffice.roles import ADMINISTRATOR, AUTHOR, CONTRIBUTOR, EDITOR
from masthead.core import clock
from tests.api.conftest import client_for
from tests.conftest import soup, text
from tests.factories import AuthorFactory, article, person, png_bytes

pytestmark = pytest.mark.django_db
Status = Article.Status

OK, NO, EDIT, READ = "done", "refused", "editable page", "read-only page"
NONE = "staff, no role"
COLUMNS = [ADMINISTRATOR, EDITOR, AUTHOR, CONTRIBUTOR, NONE]

MATRIX: dict[str, tuple[str, str, str, str, str]] = {
    # act                                   Admin  Editor Author Contrib. no role
    "open the story list":                  (OK,   OK,    OK,    OK,    NO),
    "open the add screen":                  (OK,   OK,    OK,    OK,    NO),
    "create a story":                       (OK,   OK,    OK,    OK,    NO),
    "edit my draft":                        (OK,   OK,    OK,    OK,    NO),
    "open a colleague's draft by URL":      (EDIT, EDIT,  READ,  READ,  NO),
    "edit a colleague's draft":             (OK,   OK,    NO,    NO,    NO),
    "submit my draft for review":           (OK,   OK,    OK,    OK,    NO),
    "publish my draft":                     (OK,   OK,    OK,    NO,    NO),
    "publish a colleague's story in review": (OK,  OK,    NO,    NO,    NO),
    "schedule my draft":                    (OK,   OK,    OK,    NO,    NO),
    "unpublish my story":                   (OK,   OK,    OK,    NO,    NO),
    "trash my draft with the bulk action":  (OK,   OK,    OK,    NO,    NO),
    "trash my draft in the form":           (OK,   OK,    OK,    NO,    NO),
    "trash a colleague's draft":            (OK,   OK,    NO,    NO,    NO),
    "restore my story from the trash":      (OK,   OK,    OK,    NO,    NO),
    "delete a trashed story for good":      (OK,   OK,    NO,    NO,    NO),
    "delete a published story for good":    (NO,   NO,    NO,    NO,    NO),
    "upload a picture":                     (OK,   OK,    OK,    NO,    NO),
    "open the people screens":              (OK,   NO,    NO,    NO,    NO),
    "open the roles screens":               (OK,   NO,    NO,    NO,    NO),
    "API: publish my draft":                (OK,   OK,    OK,    NO,    NO),
    "API: publish a colleague's story":     (OK,   OK,    NO,    NO,    NO),
    "API: trash my draft":                  (OK,   OK,    OK,    NO,    NO),
    "API: trash a colleague's story":       (OK,   OK,    NO,    NO,    NO),
}  # fmt: skip

# What the page says when the newsroom's rules refuse (masthead.articles.policy).
COLLEAGUES = "You can't edit this story: it is a colleague's"
PUBLISHING = "You can't publish stories"
TRASHING = "You can't move stories to the trash or out of it"


class Desk:
    """The people in one test, their stories, and the client signed in as "me"."""

    def __init__(self, role: str) -> None:
        self.role = role
        if role == NONE:
            self.me = get_user_model().objects.create_user("me", "", "pw-123456", is_staff=True)
            AuthorFactory(name="Me Myself", slug="me", user=self.me)
        else:
            self.me = person(role, "me", byline=True)
        self.colleague = person(AUTHOR, "colleague", byline=True)
        self.client = Client()
        self.client.force_login(self.me)
        root = get_user_model().objects.create_superuser("forger", "", "pw-123456")
        # The forms are copied from what a superuser's browser gets, then changed:
        # someone without the right has no form to submit, only a forged post.
        self.forger = Client()
        self.forger.force_login(root)

    def story(self, whose: str = "me", status: str = Status.DRAFT, **fields: Any) -> Article:
        author = Author.objects.get(user=self.me if whose == "me" else self.colleague)
        published_at = clock.now() - timedelta(hours=1) if status == Status.PUBLISHED else None
        return article(
            title=f"{whose}'s {status} story", status=status, authors=[author],
            published_at=fields.pop("published_at", published_at), **fields,
        )  # fmt: skip

    def post_story(self, story: Article, **changes: Any) -> Any:
        """Post ``story``'s change form, as a browser would, with ``changes`` made to it."""
        url = reverse("admin:articles_article_change", args=[story.pk])
        form = form_data(self.forger.get(url))
        return self.client.post(url, {**form, **changes}, follow=True)

    def bulk(self, action: str, story: Article) -> Any:
        return self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": action, "_selected_action": [story.pk]},
            follow=True,
        )

    def api(self) -> Any:
        return client_for(self.me)


def form_data(response: Any) -> dict[str, Any]:
    """The values the story form of ``response`` would submit, as a browser collects them."""
    form = soup(response).select_one("form#article_form")
    assert form is not None, "no story form on the page"
    data: dict[str, Any] = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name, kind = field["name"], field.get("type", "text")
        if kind in ("submit", "file", "button") or (
            kind in ("checkbox", "radio") and not field.has_attr("checked")
        ):
            continue
        if field.name == "select":
            chosen = [o.get("value", "") for o in field.select("option[selected]")]
            data[name] = chosen if field.has_attr("multiple") else (chosen or [""])[0]
        elif field.name == "textarea":
            data[name] = field.get_text()
        else:
            data[name] = field.get("value", "on" if kind == "checkbox" else "")
    return data


def status_of(response: Any) -> str:
    return OK if response.status_code in (200, 302) else NO


def stored(story: Article) -> tuple[Any, ...]:
    """What a refused act must leave as it was."""
    row = Article.objects.get(pk=story.pk)
    return (row.title, row.status, row.published_at, row.version, story.revisions.count())


def refused_post(desk: Desk, story: Article, says: str, **changes: Any) -> str:
    """Post the changes: done if the story changed; else the page must say why.

    Whatever a refusal looks like (the form again with an error, a 403, a redirect to
    the read-only page with a message), it leaves the story, its version and its
    revisions as they were.
    """
    before = stored(story)
    response = desk.post_story(story, **changes)
    if stored(story) != before:
        return OK
    if not (desk.role == NONE and response.status_code == 403):
        # Only someone with no role at all, to whom the back office is closed, hears a bare no.
        assert says in text(soup(response)), f"the refusal does not say “{says}”"
    return NO


def refused_bulk(desk: Desk, action: str, story: Article, moved_to: str, says: str) -> str:
    before = stored(story)
    response = desk.bulk(action, story)
    if response.status_code == 200 and Article.objects.get(pk=story.pk).status == moved_to:
        return OK
    assert stored(story) == before, "a refused bulk action changed the story"
    if response.status_code == 200:
        assert says in text(soup(response)), f"the refusal does not say “{says}”"
    return NO


# The acts, one function each; each returns what happened.
ACTS: dict[str, Callable[[Desk], str]] = {}


def act(name: str) -> Callable[[Callable[[Desk], str]], Callable[[Desk], str]]:
    def register(function: Callable[[Desk], str]) -> Callable[[Desk], str]:
        ACTS[name] = function
        return function

    return register


@act("open the story list")
def _list(desk: Desk) -> str:
    return status_of(desk.client.get(reverse("admin:articles_article_changelist")))


@act("open the add screen")
def _add_screen(desk: Desk) -> str:
    return status_of(desk.client.get(reverse("admin:articles_article_add")))


@act("create a story")
def _create(desk: Desk) -> str:
    draft = desk.story()  # a template for the form's fields
    form = form_data(desk.forger.get(reverse("admin:articles_article_change", args=[draft.pk])))
    form = {k: v for k, v in form.items() if not k.startswith(("authorships-", "revisions-"))}
    form.update({
        "title": "Filed from the back office", "slug": "", "status": Status.DRAFT,
        "authorships-TOTAL_FORMS": "1", "authorships-INITIAL_FORMS": "0",
        "authorships-0-author": Author.objects.get(user=desk.me).pk,
        "authorships-0-position": "0",
        "revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0",
    })  # fmt: skip
    response = desk.client.post(reverse("admin:articles_article_add"), form)
    made = Article.objects.filter(title="Filed from the back office").first()
    if response.status_code == 302 and made:
        assert made.created_by == desk.me
        return OK
    assert made is None
    return NO


@act("edit my draft")
def _edit_mine(desk: Desk) -> str:
    story = desk.story()
    outcome = refused_post(desk, story, COLLEAGUES, title="Sharper headline")
    if outcome == OK:
        assert Article.objects.get(pk=story.pk).title == "Sharper headline"
    return outcome


@act("open a colleague's draft by URL")
def _open_colleagues(desk: Desk) -> str:
    story = desk.story("colleague")
    response = desk.client.get(reverse("admin:articles_article_change", args=[story.pk]))
    if response.status_code == 403:
        return NO
    page = soup(response)
    editable = page.select_one("input[name=title]") and page.select_one("input[name=_save]")
    return EDIT if editable else READ


@act("edit a colleague's draft")
def _edit_colleagues(desk: Desk) -> str:
    return refused_post(desk, desk.story("colleague"), COLLEAGUES, title="Rewritten by me")


@act("submit my draft for review")
def _submit(desk: Desk) -> str:
    story = desk.story()
    outcome = refused_post(desk, story, COLLEAGUES, status=Status.REVIEW)
    return OK if outcome == OK and Article.objects.get(pk=story.pk).status == "review" else NO


def _publish_form(desk: Desk, story: Article, says: str, at: Any) -> str:
    local = timezone.localtime(at)
    return refused_post(
        desk, story, says, status=Status.PUBLISHED,
        published_at_0=local.strftime("%Y-%m-%d"), published_at_1=local.strftime("%H:%M:%S"),
    )  # fmt: skip


@act("publish my draft")
def _publish_mine(desk: Desk) -> str:
    story = desk.story()
    outcome = _publish_form(desk, story, PUBLISHING, clock.now() - timedelta(minutes=5))
    return OK if outcome == OK and Article.objects.get(pk=story.pk).is_visible else NO


@act("publish a colleague's story in review")
def _publish_colleagues(desk: Desk) -> str:
    story = desk.story("colleague", Status.REVIEW)
    return _publish_form(desk, story, COLLEAGUES, clock.now() - timedelta(minutes=5))


@act("schedule my draft")
def _schedule(desk: Desk) -> str:
    story = desk.story()
    outcome = _publish_form(desk, story, PUBLISHING, clock.now() + timedelta(days=1))
    return OK if outcome == OK and Article.objects.get(pk=story.pk).state == "scheduled" else NO


@act("unpublish my story")
def _unpublish(desk: Desk) -> str:
    story = desk.story(status=Status.PUBLISHED)
    return refused_bulk(desk, "unpublish", story, Status.UNPUBLISHED, PUBLISHING)


@act("trash my draft with the bulk action")
def _trash_bulk(desk: Desk) -> str:
    return refused_bulk(desk, "trash", desk.story(), Status.TRASH, TRASHING)


@act("trash my draft in the form")
def _trash_form(desk: Desk) -> str:
    story = desk.story()
    outcome = refused_post(desk, story, TRASHING, status=Status.TRASH)
    return OK if outcome == OK and Article.objects.get(pk=story.pk).status == "trash" else NO


@act("trash a colleague's draft")
def _trash_colleagues(desk: Desk) -> str:
    return refused_bulk(desk, "trash", desk.story("colleague"), Status.TRASH, COLLEAGUES)


@act("restore my story from the trash")
def _restore(desk: Desk) -> str:
    story = desk.story(status=Status.TRASH)
    outcome = refused_post(desk, story, TRASHING, status=Status.DRAFT)
    return OK if outcome == OK and Article.objects.get(pk=story.pk).status == "draft" else NO


def _delete(desk: Desk, story: Article) -> str:
    url = reverse("admin:articles_article_delete", args=[story.pk])
    response = desk.client.post(url, {"post": "yes"})
    if not Article.objects.filter(pk=story.pk).exists():
        return OK
    assert response.status_code == 403
    return NO


@act("delete a trashed story for good")
def _delete_trashed(desk: Desk) -> str:
    return _delete(desk, desk.story(status=Status.TRASH))


@act("delete a published story for good")
def _delete_published(desk: Desk) -> str:
    return _delete(desk, desk.story(status=Status.PUBLISHED))


@act("upload a picture")
def _upload(desk: Desk) -> str:
    picture = SimpleUploadedFile("desk.png", png_bytes(640, 360), content_type="image/png")
    form = {"file": picture, "alt_text": "The news desk at night", "caption": "", "credit": ""}
    response = desk.client.post(reverse("admin:articles_image_add"), form)
    if response.status_code == 302 and Image.objects.filter(alt_text=form["alt_text"]).exists():
        return OK
    assert not Image.objects.exists()
    return NO


@act("open the people screens")
def _people(desk: Desk) -> str:
    pages = [reverse("admin:auth_user_changelist"), reverse("admin:auth_user_add"),
             reverse("admin:auth_user_change", args=[desk.colleague.pk])]  # fmt: skip
    return OK if all(desk.client.get(p).status_code == 200 for p in pages) else NO


@act("open the roles screens")
def _groups(desk: Desk) -> str:
    return status_of(desk.client.get(reverse("admin:auth_group_changelist")))


def _api(desk: Desk, story: Article, method: str, path: str, says: str) -> str:
    before = stored(story)
    response = getattr(desk.api(), method)(f"/api/v1/articles/{story.pk}/{path}")
    if response.status_code in (200, 204):
        return OK
    assert response.status_code in (403, 404), response.content
    assert stored(story) == before, "a refused call changed the story"
    if response.status_code == 403:
        assert says in response.json()["detail"], response.json()
    return NO


@act("API: publish my draft")
def _api_publish_mine(desk: Desk) -> str:
    return _api(desk, desk.story(), "post", "publish/", "")


@act("API: publish a colleague's story")
def _api_publish_colleagues(desk: Desk) -> str:
    says = COLLEAGUES if desk.role == AUTHOR else ""
    return _api(desk, desk.story("colleague", Status.REVIEW), "post", "publish/", says)


@act("API: trash my draft")
def _api_trash_mine(desk: Desk) -> str:
    return _api(desk, desk.story(), "delete", "", "")


@act("API: trash a colleague's story")
def _api_trash_colleagues(desk: Desk) -> str:
    says = COLLEAGUES if desk.role == AUTHOR else ""
    return _api(desk, desk.story("colleague"), "delete", "", says)


CELLS = [
    pytest.param(role, name, expected, id=f"{role} | {name}")
    for name, row in MATRIX.items()
    for role, expected in zip(COLUMNS, row, strict=True)
]


def test_every_act_in_the_matrix_is_tried_and_every_tried_act_is_in_it():
    assert set(ACTS) == set(MATRIX)


@pytest.mark.parametrize(("role", "name", "expected"), CELLS)
def test_role_matrix(role: str, name: str, expected: str):
    assert ACTS[name](Desk(role)) == expected


def test_a_refused_post_adds_no_revision():
    """Spelled out once for the matrix's rule: the refused save leaves no trace."""
    desk = Desk(CONTRIBUTOR)
    story = desk.story()
    revisions = Revision.objects.filter(article=story).count()
    desk.post_story(story, status=Status.PUBLISHED)
    assert Revision.objects.filter(article=story).count() == revisions
