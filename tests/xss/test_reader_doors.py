"""Hostile content through the readers' doors: comments, their emails, search, query strings.

How the corpus is split (every payload passes every door at least once):

- comment *body*: the corpus in chunks of ``BODY_CHUNK``, a comment each;
- comment *name*: the corpus packed into names of at most 100 characters, a comment each
  (the body of those comments is plain text);
- comment *website*: every payload posted alone as the address. Almost all are refused
  as addresses, and the refusal re-renders the article with the typed value; those answers
  are checked by html5lib (``doors.unsafe_markup``) and the value must come back intact in
  its field; the few accepted are comments whose link the browser sees;
- every comment is held (*hold every comment*), so each one emails the story's author;
  the emails' HTML parts are shown in Chromium, ``EMAILS_PER_PAGE`` to a page; the held
  comments are then approved with the back office's bulk action;
- query parameters: the corpus packed into values of ``QUERY_VALUE`` characters, sent as
  each parameter of each page that reads one (search, the legacy WordPress addresses,
  archives' page numbers, the API's filters, the back office's lists). Every answer is
  checked by html5lib; the search pages (``q``) and one value of each other parameter
  are loaded in Chromium.

Pages loaded in Chromium: the article with every comment, the home page, the comment
feeds' items, the back office's comment list and one comment's form, the emails, the
search pages and one page per query parameter.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import escape
from typing import Any
from urllib.parse import urlencode
from xml.etree import ElementTree

import html5lib
import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from masthead.articles.models import Article
from masthead.comments.models import Comment, CommentSettings
from masthead.comments.moderation import Moderator
from tests import factories
from tests.comments.posting import stamp
from tests.xss.corpus import Payload
from tests.xss.doors import body_of, chunks, packed, unsafe_markup

BODY_CHUNK = 30
EMAILS_PER_PAGE = 60
QUERY_VALUE = 6_000
ADMIN_SEARCH_VALUE = 1_000


@pytest.fixture
def story(roles: None) -> Article:
    """A published story whose author has an account with an email address."""
    writer = factories.person("Author", "writer", byline=True)
    story = factories.article(title="The council met", authors=[writer.author_profile])
    CommentSettings.objects.update_or_create(
        pk=1,
        defaults={
            "hold_all": True,
            "notify_authors": True,
            "spam_score": 100,
            "hold_score": 100,
            "rate_limit": 1000,
        },
    )
    Moderator.forget()
    return story


def post(client: Client, story: Article, number: int, problems: list[str], **fields: str) -> Any:
    """Post a comment; one refused for its NUL characters is checked, then sent without them.

    Django's forms refuse text with NUL characters (with a message beside the field); the
    other payloads posted with them must still get in.
    """
    answer = send(client, story, number, **fields)
    if answer.status_code == 400 and any("\x00" in value for value in fields.values()):
        problems += unsafe_markup(answer.content.decode(), where=f"comment {number} refused")
        clean = {name: value.replace("\x00", "") for name, value in fields.items()}
        answer = send(client, story, number, **clean)
    return answer


def send(client: Client, story: Article, number: int, **fields: str) -> Any:
    data = {
        "body": f"A reader's view, number {number}.", "author_name": "A reader",
        "author_email": f"reader{number}@example.org", "author_url": "",
        "issued": stamp(story.pk), **fields,
    }  # fmt: skip
    return client.post(
        reverse("comments:post", args=[story.pk]), data,
        REMOTE_ADDR=f"198.51.{number // 250}.{number % 250}",
    )  # fmt: skip


def test_no_comment_runs_a_script_anywhere_it_is_shown(
    corpus, story, trapped, tab, admin_user, live_server
):
    reader, problems = Client(), []
    for number, fields in enumerate(comment_posts(corpus)):
        answer = post(reader, story, number, problems, **fields)
        assert answer.status_code == 302, form_errors(answer)
    spaced = [p for p in corpus if re.search(r"\s", p.text)]
    for number, typed in enumerate(packed(spaced, 300), start=10_000):
        answer = send(reader, story, number, author_url=typed)
        assert answer.status_code == 400, typed
        problems += refused_address(answer, typed)
    problems += emails_shown(trapped, tab)
    approve_all(admin_user)
    for url in [story.get_absolute_url(), "/", "/comments/feed/"]:
        problems += trapped.visit(tab, url)
    problems += feed_items(trapped, tab, f"{story.get_absolute_url()}feed/")
    sign_in(trapped, admin_user, live_server)
    last = Comment.objects.last()
    assert last is not None
    for url in [
        "/admin/comments/comment/?status__exact=approved",
        reverse("admin:comments_comment_change", args=[last.pk]),
    ]:
        problems += trapped.visit(tab, url)
    assert problems == [], "\n".join(problems[:60])


def comment_posts(corpus: list[Payload]) -> Iterator[dict[str, str]]:
    """The fields of the comments that carry the corpus in (see the module docstring)."""
    bodies = [body_of(chunk) for chunk in chunks(corpus, BODY_CHUNK)]
    names = packed(corpus, 100)
    # An address with the payload in its path is a valid address when it has no spaces.
    urls = [f"https://example.org/{p.text}" for p in corpus if not re.search(r"\s", p.text)]
    for number in range(max(len(bodies), len(names), len(urls))):
        yield {
            "body": bodies[number] if number < len(bodies) else f"A reader's view, {number}.",
            "author_name": names[number] if number < len(names) else "A reader",
            "author_url": urls[number] if number < len(urls) else "",
        }


def form_errors(answer: Any) -> list[str]:
    """The error messages of a form that came back."""
    document = html5lib.parse(answer.content.decode(), namespaceHTMLElements=False)
    return ["".join(e.itertext()) for e in document.iter() if "error" in e.get("class", "")]


def refused_address(answer: Any, typed: str) -> list[str]:
    """The refused address comes back in its field as typed, and nowhere as markup.

    The page around it is the article page the browser checks; parsing all of it for each
    refusal would take minutes, so the field alone is parsed, as a browser would.
    """
    html = answer.content.decode()
    if re.search(r"[<>\"']", typed) and typed in html:
        return [f"the refused address {typed!r} is in the page unescaped"]
    field = re.search(r'<input[^>]*name="author_url"[^>]*>', html)
    parsed = html5lib.parseFragment(field.group() if field else "", namespaceHTMLElements=False)
    inputs = [e for e in parsed.iter() if e.tag == "input"]
    if len(inputs) != 1 or set(inputs[0].attrib) & {
        a for a in inputs[0].attrib if a.startswith("on")
    }:
        return [f"the address field is broken by {typed!r}"]
    # The parser reads a NUL character as U+FFFD, as browsers do.
    if inputs[0].get("value", "").strip() != typed.replace("\x00", "\ufffd").strip():
        return [f"the address field does not give back {typed!r}"]
    return []


def emails_shown(trapped: Any, tab: Any) -> list[str]:
    """Every moderation email's HTML part, as a mail program shows it."""
    parts = [
        content for message in mail.outbox for content, kind in message.alternatives
        if kind == "text/html"
    ]  # fmt: skip
    assert len(parts) == Comment.objects.count() > 0
    problems = []
    for start in range(0, len(parts), EMAILS_PER_PAGE):
        page = "".join(parts[start : start + EMAILS_PER_PAGE])
        problems += trapped.show(tab, page, name=f"emails {start}+")
    return problems


def approve_all(user: Any) -> None:
    staff = Client()
    staff.force_login(user)
    held = list(Comment.objects.values_list("pk", flat=True))
    staff.post(reverse("admin:comments_comment_changelist"),
               {"action": "approve", "_selected_action": held})  # fmt: skip
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() == len(held)


def feed_items(trapped: Any, tab: Any, url: str) -> list[str]:
    """A feed's items' HTML, shown as a feed reader would (all of them on one page)."""
    feed = ElementTree.fromstring(Client().get(url).content)  # noqa: S314 (our own feed)
    items = feed.findall(".//item")
    assert items
    html = "".join(
        f"<article><h2>{escape(item.findtext('title') or '')}</h2>"
        f"{item.findtext('description')}</article>"
        for item in items
    )
    return trapped.show(tab, html, name=url)


def sign_in(trapped: Any, user: Any, live_server: Any) -> None:
    """Give the trapped browser a back-office session for ``user``."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    trapped.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )


QUERIES = [
    ("/search/", "q"), ("/search/", "category"), ("/search/", "author"), ("/search/", "sort"),
    ("/search/", "from"), ("/search/", "to"), ("/search/", "page"), ("/", "s"), ("/", "p"),
    ("/", "cat"), ("/", "page_id"), ("/category/news/", "page"), ("/feed/", "paged"),
    ("/api/v1/articles/", "q"), ("/api/v1/articles/", "category"), ("/api/v1/articles/", "tag"),
    ("/api/v1/articles/", "author"), ("/api/v1/articles/", "status"),
    ("/api/v1/articles/", "cursor"), ("/api/v1/articles/", "page_size"),
    ("/api/v1/articles/", "published_after"), ("/api/v1/comments/", "article"),
    ("/admin/articles/article/", "q"), ("/admin/articles/article/", "o"),
    ("/admin/articles/article/", "state"), ("/admin/comments/comment/", "q"),
    ("/admin/comments/comment/", "status__exact"),
]  # fmt: skip


def test_no_query_parameter_makes_a_page_run_a_script(
    corpus, story, trapped, tab, admin_user, live_server
):
    staff = Client()
    staff.force_login(admin_user)
    problems, in_browser = [], []
    for path, name in QUERIES:
        client = staff if path.startswith("/admin/") else Client()
        # The back office searches every word in several columns: shorter values there.
        size = ADMIN_SEARCH_VALUE if path.startswith("/admin/") and name == "q" else QUERY_VALUE
        for number, value in enumerate(packed(corpus, size)):
            url = f"{path}?{urlencode({name: value})}"
            answer = client.get(url)
            if answer.status_code >= 500:
                problems.append(f"{url[:80]}: HTTP {answer.status_code}")
            elif "html" in answer.get("Content-Type", ""):
                problems += unsafe_markup(answer.content.decode(), where=url[:80])
            elif path.startswith("/api/"):
                json.loads(answer.content)  # data, not a page
            if answer.status_code == 200 and ((name == "q" and path == "/search/") or number == 0):
                in_browser.append(url)
    sign_in(trapped, admin_user, live_server)
    for url in in_browser:
        problems += trapped.visit(tab, url, status=None)
    assert problems == [], "\n".join(problems[:60])
