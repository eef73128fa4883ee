"""The public pages stay light: no other hosts, a small budget, nothing blocks or jumps.

Measured in Chromium on the live server: every request the page makes, the bytes it
transfers, each stylesheet gzipped as a CDN or WhiteNoise would send it, where its
scripts sit, and the cumulative layout shift (CLS) while it loads and while the reader
scrolls to the end and the lazy pictures arrive. docs/accessibility.md keeps the
figures these tests print.
"""

from __future__ import annotations

import gzip
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request

from tests.site.conftest import new_context
from tests.site.pages import Newsroom, make_newsroom

pytestmark = [pytest.mark.slow, pytest.mark.presentation]

PAGE_BUDGET = 300 * 1024  # bytes over the wire for an article page, pictures aside
CSS_BUDGET = 30 * 1024  # all stylesheets of a page, gzipped

# Sums every layout shift not caused by the reader's own input, from the first paint on.
WATCH_SHIFTS = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""

SETTLE = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"

# Scripts that can hold up the first paint: classic scripts in <head> that neither wait
# (defer, module) nor run on the side (async), and ones in <body> before its end.
BLOCKING = """() => [...document.scripts].filter((s) => {
  const js = !s.type || /javascript|ecmascript/i.test(s.type) || s.type === "module";
  if (!js || s.type === "module" || s.async || (s.src && s.defer)) return false;
  if (document.head.contains(s)) return true;
  return !!s.compareDocumentPosition(document.querySelector("footer")) &
    Node.DOCUMENT_POSITION_FOLLOWING;
}).map((s) => s.outerHTML.slice(0, 120))"""


@pytest.fixture
def newsroom(transactional_db: Any) -> Newsroom:
    return make_newsroom()


def load(page: Page, path: str) -> list[Request]:
    """Open ``path``, scroll to the end so lazy pictures load; return every request made."""
    requests: list[Request] = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.on("requestfailed", lambda request: requests.append(request))
    page.goto(path, wait_until="load")
    page.mouse.wheel(0, 20_000)
    page.wait_for_load_state("networkidle")
    page.evaluate(SETTLE)
    return requests


def transferred(request: Request) -> int:
    sizes = request.sizes()
    return int(sizes["responseBodySize"] + sizes["responseHeadersSize"])


@pytest.mark.parametrize("name", ["home", "article"])
def test_pages_ask_nothing_of_other_hosts(page: Page, newsroom: Newsroom, live_server, name):
    requests = load(page, newsroom.urls()[name])

    hosts = {urlsplit(r.url).netloc for r in requests if not r.url.startswith("data:")}
    assert hosts == {urlsplit(live_server.url).netloc}
    assert any(r.resource_type == "image" for r in requests), "the pictures were requested"


def test_an_article_page_is_within_the_byte_budget(page: Page, newsroom: Newsroom):
    requests = load(page, newsroom.urls()["article"])

    kinds = {r.resource_type for r in requests}
    weight = sum(transferred(r) for r in requests if r.resource_type != "image")
    paths = sorted(urlsplit(r.url).path for r in requests if r.resource_type != "image")
    print(f"article page, pictures aside: {weight} bytes: {paths}")
    assert {"document", "stylesheet", "script"} <= kinds
    assert 0 < weight < PAGE_BUDGET


@pytest.mark.parametrize("name", ["home", "article", "search"])
def test_all_css_of_a_page_is_small_when_gzipped(page: Page, newsroom: Newsroom, name: str):
    requests = load(page, newsroom.urls()[name])

    sheets = [r for r in requests if r.resource_type == "stylesheet"]
    sizes = {r.url: len(gzip.compress(r.response().body(), 9)) for r in sheets}
    print(f"{name}: CSS gzipped {sizes}")
    assert sheets
    assert sum(sizes.values()) < CSS_BUDGET


@pytest.mark.parametrize("name", ["home", "article", "comment-errors"])
def test_no_script_blocks_rendering_and_every_picture_has_its_size(
    page: Page, newsroom: Newsroom, name: str
):
    if name == "comment-errors":
        from tests.site.pages import post_a_bad_comment

        post_a_bad_comment(page, newsroom)
    else:
        page.goto(newsroom.urls()[name])

    assert page.evaluate(BLOCKING) == []
    assert page.locator("script[src]").count() > 0 or name == "home"
    assert page.locator("img").count() > 0
    assert page.locator("img:not([width]), img:not([height])").count() == 0


@pytest.mark.parametrize("width", [1366, 412])
@pytest.mark.parametrize("name", ["home", "article"])
def test_nothing_moves_while_the_page_loads(
    browser: Browser, live_server: Any, newsroom: Newsroom, name: str, width: int
):
    context = new_context(browser, live_server, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.add_init_script(WATCH_SHIFTS)
    load(page, newsroom.urls()[name])

    shift = page.evaluate("window.__cls")
    print(f"{name} at {width}px: CLS {shift}")
    assert shift == 0
    context.close()


def test_the_layout_shift_measure_sees_a_shift(
    browser: Browser, live_server: Any, newsroom: Newsroom
):
    """The CLS check can fail: a late banner pushing the page down is counted."""
    context = new_context(browser, live_server)
    page = context.new_page()
    page.add_init_script(WATCH_SHIFTS)
    page.goto("/", wait_until="load")
    page.evaluate(SETTLE)
    assert page.evaluate("window.__cls") == 0

    page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML(
             "afterbegin", '<p style="height:200px;margin:0">A late banner</p>')"""
    )
    page.evaluate(SETTLE)

    assert page.evaluate("window.__cls") > 0.01
    context.close()
