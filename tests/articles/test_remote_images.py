"""Pictures from other sites: fetched into the library on request; failures stay links."""

from __future__ import annotations

import contextlib
import io
import time
from functools import cache
from http.server import BaseHTTPRequestHandler
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage

from masthead.articles import services
from masthead.articles.models import Article, Image
from masthead.articles.services import remote
from tests import factories
from tests.conftest import soup, text
from tests.localhost import serving

pytestmark = pytest.mark.django_db
FETCHED: list[str] = []


def _png(mode: str, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size, 0).save(buffer, "PNG")
    return buffer.getvalue()


@cache
def answers() -> dict[str, tuple[str, bytes, int]]:
    return {
        "/harbour.png": ("image/png", _png("RGB", (900, 600)), 200),
        "/page.png": ("text/html; charset=utf-8", b"<html>Not here</html>", 200),
        "/bomb.png": ("image/png", _png("1", (12_000, 12_000)), 200),
        "/slow.png": ("image/png", _png("RGB", (10, 10)), 200),
    }


class OtherSite(BaseHTTPRequestHandler):
    """A picture host: one good picture, a page, a bomb, a slow answer, a missing file."""

    def do_GET(self) -> None:
        FETCHED.append(self.path)
        if self.path == "/slow.png":
            time.sleep(2)
        kind, body, status = answers().get(self.path, ("text/plain", b"gone", 404))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass

    def handle(self) -> None:
        # The client gives up on the slow answer, as it should.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()


@pytest.fixture
def site(monkeypatch, settings) -> Any:
    settings.REMOTE_PICTURES_FROM_PRIVATE_ADDRESSES = True  # the other site is on 127.0.0.1
    monkeypatch.setattr(remote, "LIMITS", remote.Limits(timeout=0.5, deadline=1.0, redirects=3))
    FETCHED.clear()
    answers()  # made before the clock of any fetch starts
    with serving(OtherSite) as url:
        yield url


def story(url: str, *names: str) -> Article:
    body = "\n\n".join(f"![Picture {n}]({url}/{n})" for n in names)
    return factories.article(body=f"Words first.\n\n{body}")


def test_each_picture_is_fetched_or_left_a_link_with_the_reason(site):
    article = story(site, "harbour.png", "page.png", "bomb.png", "slow.png", "gone.png")
    result = services.import_remote_images(article=article, by=None)
    assert result.imported == [f"{site}/harbour.png"], result.failed
    why = dict(result.failed)
    assert why[f"{site}/page.png"] == "127.0.0.1 sent text/html, not a picture"
    assert "opening it would take 275 MB of memory" in why[f"{site}/bomb.png"]
    assert why[f"{site}/slow.png"] == "the site took too long to answer"
    assert why[f"{site}/gone.png"] == "127.0.0.1 answered 404 Not Found"
    article.refresh_from_db()
    image = Image.objects.get()
    assert (image.source_url, image.credit, image.alt_text) == (
        f"{site}/harbour.png",
        "127.0.0.1",
        "Picture harbour.png",
    )
    assert f"![Picture harbour.png]({image.file.url})" in article.body
    for name in ("page.png", "bomb.png", "slow.png", "gone.png"):
        assert f"{site}/{name}" in article.body  # nothing lost
        assert f"Picture from 127.0.0.1: Picture {name}" in article.body_html
    assert f'src="{image.file.url}"' in article.body_html


def test_a_picture_on_the_sites_own_network_is_not_fetched_unless_allowed(site, settings):
    settings.REMOTE_PICTURES_FROM_PRIVATE_ADDRESSES = False
    article = story(site, "harbour.png")
    result = services.import_remote_images(article=article, by=None)
    assert result.failed == [
        (f"{site}/harbour.png", "127.0.0.1 is not a public address: it is not fetched")
    ]
    assert FETCHED == []
    assert not Image.objects.exists()


def test_a_picture_shown_by_two_stories_is_fetched_once_and_a_second_run_does_nothing(site):
    first, second = story(site, "harbour.png"), story(site, "harbour.png", "gone.png")
    out, err = StringIO(), StringIO()
    call_command("images", "import-remote", stdout=out, stderr=err)
    assert FETCHED.count("/harbour.png") == 1
    assert Image.objects.count() == 1
    url = Image.objects.get().file.url
    for article in (first, second):
        article.refresh_from_db()
        assert url in article.body
    assert f"story {second.pk} “{second.title}”: {site}/gone.png: 127.0.0.1 answered 404" in (
        err.getvalue()
    )
    assert "2 picture(s) from other sites now shown from the library, 1 left as links" in (
        out.getvalue()
    )
    again = StringIO()
    call_command("images", "import-remote", "--json", stdout=again, stderr=StringIO())
    assert '"imported": 0' in again.getvalue()
    assert Image.objects.count() == 1


def test_one_story_can_be_chosen_and_an_unknown_one_is_named(site):
    chosen, other = story(site, "harbour.png"), story(site, "harbour.png")
    call_command("images", "import-remote", "--article", str(chosen.pk), stdout=StringIO())
    other.refresh_from_db()
    assert f"{site}/harbour.png" in other.body
    with pytest.raises(Exception, match="no story has this id"):
        call_command("images", "import-remote", "--article", "999999", stdout=StringIO())


def test_saving_a_story_with_outside_pictures_says_so_and_offers_the_import(site, admin_client):
    article = story(site, "harbour.png")
    change = reverse("admin:articles_article_change", args=[article.pk])
    from tests.backoffice.forms import form_data

    response = admin_client.post(change, form_data(admin_client.get(change)), follow=True)
    said = text(soup(response).select_one(".messagelist"))
    assert "shows 1 picture(s) from other sites (127.0.0.1) as links" in said
    screen = reverse("admin:articles_article_outside_pictures", args=[article.pk])
    assert soup(response).select_one(f'.messagelist a[href="{screen}"]')
    listed = admin_client.get(screen)
    assert f"{site}/harbour.png" in text(soup(listed).select_one("#content-main table"))
    done = admin_client.post(screen, follow=True)
    assert "1 picture(s) now shown from the library." in text(soup(done).select_one(".messagelist"))
    article.refresh_from_db()
    assert Image.objects.get().file.url in article.body
