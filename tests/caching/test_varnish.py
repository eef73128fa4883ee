"""docs/varnish/masthead.vcl in a real varnishd, in front of the site: bans by tag work.

varnishd (Debian's ``varnish``) listens on 127.0.0.1:87xx with the shipped VCL pointed at
a live server; the tests read pages through it and purge with ``purge.Varnish``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from masthead.articles import pagetags
from masthead.caching import purge

VCL = Path(__file__).resolve().parents[2] / "docs" / "varnish" / "masthead.vcl"
VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        VARNISHD is None, reason="varnishd is not installed (apt-get install varnish)"
    ),
]


def _port() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or "0"
    return 8700 + 10 + int(worker)


@pytest.fixture
def varnish(live_server: Any) -> Iterator[str]:
    """A varnishd with the shipped VCL in front of ``live_server``; yields its URL."""
    backend = urlsplit(live_server.url)
    # varnishd compiles the VCL as its own unprivileged user: a folder it may read.
    folder = Path(tempfile.mkdtemp(prefix="inval-varnish-vcl-"))
    folder.chmod(0o755)
    vcl = folder / "masthead.vcl"
    vcl.write_text(
        VCL.read_text()
        .replace('.host = "127.0.0.1"', f'.host = "{backend.hostname}"')
        .replace('.port = "8000"', f'.port = "{backend.port}"')
    )
    port = _port()
    workdir = folder / "work"
    process = subprocess.Popen(
        [VARNISHD, "-F", "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-n", str(workdir),
         "-s", "malloc,64m", "-p", "ban_lurker_sleep=0.01"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        _wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"varnishd stopped: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("varnishd did not listen")


def get(base: str, path: str) -> tuple[str, str]:
    """Varnish's verdict (hit or miss) and the body of ``path``."""
    with urllib.request.urlopen(base + path, timeout=10) as answer:  # noqa: S310
        assert "Surrogate-Key" not in answer.headers  # for caches, not for readers
        return answer.headers["X-Varnish-Cache"], answer.read().decode()


def warm(base: str, *paths: str) -> None:
    for path in paths:
        get(base, path)
        assert get(base, path)[0] == "hit", path


@pytest.fixture
def site(db: Any, settings: Any) -> dict[str, Any]:
    from masthead.articles.models import Page
    from tests import factories

    settings.PAGE_CACHE_SECONDS = 300  # public pages say so only when the site keeps them
    newsroom = factories.newsroom()
    Page.objects.create(title="About", slug="about", body="Us.", status="published")
    return newsroom


def test_a_ban_by_tag_drops_the_pages_that_show_it_and_keeps_the_others(
    varnish: str, site: dict[str, Any]
):
    story = site["stories"][0]
    warm(varnish, story.get_absolute_url(), "/about/", "/tag/europe/")
    purge.Varnish(url=varnish).purge(frozenset({f"a:{story.pk}"}))
    time.sleep(0.2)  # the ban is added at once; nothing else to wait for but the answer
    assert get(varnish, story.get_absolute_url())[0] == "miss"
    assert get(varnish, "/about/")[0] == "hit"
    assert get(varnish, "/tag/europe/")[0] == "hit"


def test_a_tag_is_matched_whole_not_as_a_prefix(varnish: str, site: dict[str, Any]):
    from masthead.articles.models import Page

    page = Page.objects.get(slug="about")
    warm(varnish, "/about/")
    purge.Varnish(url=varnish).purge(frozenset({f"page:{page.pk}0", f"age:{page.pk}"}))
    assert get(varnish, "/about/")[0] == "hit"
    purge.Varnish(url=varnish).purge(frozenset({f"page:{page.pk}"}))
    assert get(varnish, "/about/")[0] == "miss"


def test_everything_bans_every_page(varnish: str, site: dict[str, Any]):
    warm(varnish, "/about/", "/")
    purge.Varnish(url=varnish).purge(frozenset({pagetags.EVERYTHING}))
    assert get(varnish, "/about/")[0] == "miss"
    assert get(varnish, "/")[0] == "miss"


def test_an_edit_reaches_readers_behind_varnish(varnish: str, site: dict[str, Any], settings: Any):
    """End to end: a save purges the site's own cache and Varnish's, after the commit."""
    from masthead.articles.services import save_article

    settings.MASTHEAD_PURGE_BACKENDS = [
        {"BACKEND": "masthead.caching.purge.Varnish", "OPTIONS": {"url": varnish}}
    ]
    story = site["stories"][5]
    warm(varnish, story.get_absolute_url(), "/about/")
    story.title = "A headline written after the page was kept"
    save_article(article=story)
    verdict, body = get(varnish, story.get_absolute_url())
    assert verdict == "miss"
    assert "A headline written after the page was kept" in body
    assert get(varnish, "/about/")[0] == "hit"
