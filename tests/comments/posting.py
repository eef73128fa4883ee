"""Posting comments the way a reader's browser does, for the comments tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest import mock

from bs4 import BeautifulSoup

from masthead.comments.forms import issue_stamp
from masthead.core import clock

TYPED = {
    "body": "I was at that meeting.\n\nIt went differently.",
    "author_name": "Ada Reader",
    "author_email": "ada@example.org",
    "author_url": "https://ada.example/",
    "remember": "on",
}


def stamp(article_id: int, *, age: float = 30) -> str:
    """The form's signed stamp as if the page had been loaded ``age`` seconds ago."""
    then = clock.now() - timedelta(seconds=age)
    with mock.patch("masthead.core.clock.now", return_value=then):
        return issue_stamp(article_id)


def reply_form(doc: BeautifulSoup) -> Any:
    """The form that holds the comment box."""
    box = doc.select_one('form textarea[name="body"]')
    return box.find_parent("form") if box else None


def post(client: Any, action: str, **changes: Any) -> Any:
    """Post the typed comment (with ``changes``) to ``action``, half a minute after loading."""
    article_id = int(action.rstrip("/").rsplit("/", 1)[-1])
    data = {**TYPED, "issued": stamp(article_id), **changes}
    return client.post(
        action, {k: v for k, v in data.items() if v is not None},
        REMOTE_ADDR="203.0.113.9", headers={"user-agent": "TestBrowser/1.0"},
    )  # fmt: skip
