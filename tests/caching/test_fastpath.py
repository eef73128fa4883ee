"""Cached pages answered in front of Django (masthead.caching.fastpath), through WSGI calls."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from masthead.caching import store
from masthead.caching.fastpath import FastPages
from tests import factories

pytestmark = pytest.mark.django_db


class Site:
    """The production WSGI stack with a count of the requests that reached Django."""

    def __init__(self) -> None:
        self.django = WSGIHandler()
        self.reached = 0
        self.app = FastPages(self._counted)

    def _counted(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        self.reached += 1
        return self.django(environ, start_response)

    def get(self, path: str, method: str = "GET", **meta: str) -> Answer:
        environ = RequestFactory().generic(method, path, **meta).environ
        answer = Answer()
        # As Django's test client does: the test's transaction keeps its connection.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            chunks = self.app(environ, answer.start)
            answer.body = b"".join(chunks)
            getattr(chunks, "close", lambda: None)()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return answer


class Answer:
    status = ""
    body = b""
    headers: dict[str, str]

    def start(self, status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        self.status = status
        self.headers = {}
        for name, value in headers:
            self.headers.setdefault(name.lower(), value)

    @property
    def code(self) -> int:
        return int(self.status.split()[0])


@pytest.fixture
def site(settings: Any, newsroom: dict[str, Any]) -> Site:
    settings.PAGE_CACHE_SECONDS = 300
    return Site()


@pytest.fixture
def story(newsroom: dict[str, Any]) -> Any:
    return newsroom["stories"][0]


def test_a_hit_never_reaches_django(site, story, django_assert_num_queries):
    first = site.get(story.get_absolute_url())
    assert (first.code, first.headers["x-page-cache"]) == (200, "miss")
    with django_assert_num_queries(0):
        again = site.get(story.get_absolute_url())
    assert again.headers["x-page-cache"] == "hit"
    assert site.reached == 1
    assert again.body == first.body


def test_a_hit_carries_every_header_the_stack_set(site, story):
    first = site.get(story.get_absolute_url())
    again = site.get(story.get_absolute_url())
    for name in ("content-security-policy", "x-frame-options", "referrer-policy",
                 "permissions-policy", "content-type"):  # fmt: skip
        assert again.headers[name] == first.headers[name], name
    assert again.headers["content-length"] == str(len(first.body))


def test_https_answers_are_kept_apart_from_plain_ones(site, settings, story):
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    site.get(story.get_absolute_url())
    secure = site.get(story.get_absolute_url(), HTTP_X_FORWARDED_PROTO="https")
    assert secure.headers["x-page-cache"] == "miss"
    assert "strict-transport-security" in secure.headers
    plain = site.get(story.get_absolute_url())
    assert (plain.headers["x-page-cache"], "strict-transport-security" in plain.headers) == (
        "hit",
        False,
    )


def test_browsers_that_take_gzip_get_the_body_gzipped_once(site, story):
    whole = site.get(story.get_absolute_url())
    zipped = site.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="br, gzip;q=0.8")
    assert zipped.headers["content-encoding"] == "gzip"
    assert gzip.decompress(zipped.body) == whole.body
    assert zipped.headers["content-length"] == str(len(zipped.body))
    assert "Accept-Encoding" in zipped.headers["vary"]
    refused = site.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip;q=0")
    assert "content-encoding" not in refused.headers
    assert refused.body == whole.body


def test_a_conditional_request_hears_not_modified(site, story):
    site.get(story.get_absolute_url())
    plain = site.get(story.get_absolute_url())
    zipped = site.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert plain.headers["etag"] != zipped.headers["etag"]
    for etag, encoding in ((plain.headers["etag"], ""), (zipped.headers["etag"], "gzip")):
        answer = site.get(
            story.get_absolute_url(), HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT_ENCODING=encoding
        )
        assert (answer.code, answer.body, answer.headers["etag"]) == (304, b"", etag)
    other = site.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH='"something-else"')
    assert other.code == 200


def test_head_gets_the_headers_without_the_body(site, story):
    whole = site.get(story.get_absolute_url())
    head = site.get(story.get_absolute_url(), method="HEAD")
    assert (head.code, head.body, head.headers["x-page-cache"]) == (200, b"", "hit")
    assert head.headers["content-length"] == str(len(whole.body))


@pytest.mark.parametrize(
    "meta",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "masthead_commenter=xyz"},
        {"QUERY_STRING": "replytocom=3"},
    ],
    ids=["session", "commenter", "reply"],
)
def test_readers_with_pages_of_their_own_always_reach_django(site, story, meta):
    site.get(story.get_absolute_url())
    answer = site.get(story.get_absolute_url(), **meta)
    assert "x-page-cache" not in answer.headers or answer.headers["x-page-cache"] != "hit"
    assert site.reached == 2


def test_answers_that_are_not_to_be_kept_pass_through(site):
    for _ in range(2):
        answer = site.get("/admin/login/")
        assert answer.code == 200
    assert site.reached == 2


def test_a_change_to_a_story_is_on_the_next_request(
    site, story, django_capture_on_commit_callbacks
):
    site.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "A headline written after the page was cached"
        story.save()
    answer = site.get(story.get_absolute_url())
    assert answer.headers["x-page-cache"] == "miss"
    assert b"A headline written after the page was cached" in answer.body


def test_a_purged_tag_drops_the_pages_that_carry_it(site, story):
    site.get(story.get_absolute_url())
    site.get("/")
    key = next(k for k in store.pages()._pages if k.endswith(story.get_absolute_url()))
    store.pages()._pages[key].tags = frozenset({"a:test"})
    store.pages()._by_tag.setdefault("a:test", set()).add(key)
    store.purge({"a:test"})
    assert site.get(story.get_absolute_url()).headers["x-page-cache"] == "miss"
    assert site.get("/").headers["x-page-cache"] == "hit"


def test_an_expired_page_is_made_again(site, story, travel):
    site.get(story.get_absolute_url())
    travel(301)
    assert site.get(story.get_absolute_url()).headers["x-page-cache"] == "miss"


def test_a_missing_page_is_kept_briefly_and_still_says_not_found(site):
    site.get("/no-such-page/")
    again = site.get("/no-such-page/")
    assert (again.code, again.headers["x-page-cache"]) == (404, "hit")


def test_a_new_story_reaches_the_cached_home_page(
    site, newsroom, django_capture_on_commit_callbacks
):
    site.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        fresh = factories.article(title="Breaking after the cache filled")
    assert fresh.pk
    answer = site.get("/")
    assert b"Breaking after the cache filled" in answer.body


def test_the_served_application_starts_in_a_fresh_process(tmp_path):
    """gunicorn and granian import the module alone, before anything set Django up."""
    env = {**os.environ, "MASTHEAD_DATA": str(tmp_path), "DJANGO_SETTINGS_MODULE": ""}
    env.pop("DJANGO_SETTINGS_MODULE")
    code = "import masthead.config.wsgi as w; print(type(w.application).__name__)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.stdout.strip() == "FastPages", done.stderr[-2000:]
