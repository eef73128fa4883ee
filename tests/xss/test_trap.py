"""The trap itself: the corpus, unsanitized, runs in Chromium and is caught, class by class.

Without this the other hostile-content tests could pass by catching nothing. Each class's
payloads go, raw, into a page of their own served from a made-up origin (no database).
"""

from __future__ import annotations

import html
import random
import re
from collections import defaultdict
from typing import Any

import pytest
from playwright.sync_api import Route

from tests.xss.corpus import KINDS, Payload
from tests.xss.trap import Trap

ORIGIN = "http://raw.example"


def raw_page(payloads: list[Payload]) -> str:
    """The payloads as they are; entity tricks decoded once, as a careless door would."""
    cells = "".join(
        f"<div>{html.unescape(p.text) if p.kind == 'entity-unicode' else p.text}</div>"
        for p in payloads
    )
    return f"<!doctype html><html><head><title>raw</title></head><body>{cells}</body></html>"


def ids(reports: list[str]) -> set[int]:
    return {int(n) for n in re.findall(r"\((\d+)\) in |xss\.invalid/(\d+)", " ".join(reports))
            for n in n if n}  # fmt: skip


@pytest.fixture
def raw(browser: Any) -> Any:
    pages: dict[str, str] = {}
    context = browser.new_context()
    context.set_default_timeout(5_000)

    def answer(route: Route) -> None:
        route.fulfill(body=pages.get(route.request.url, ""), content_type="text/html")

    context.route(f"{ORIGIN}/**", answer)
    yield context, pages
    context.close()


def test_the_trap_catches_payloads_of_every_class_run_raw(raw, corpus):
    context, pages = raw
    trap = Trap(context)
    tab = context.new_page()
    by_kind: dict[str, list[Payload]] = defaultdict(list)
    for payload in corpus:
        by_kind[payload.kind].append(payload)
    caught: dict[str, set[int]] = {}
    rng = random.Random(14)
    for kind in KINDS:
        # Small pages: a payload that swallows the rest (<plaintext>, <frameset>) hides
        # only a few.
        sample = sorted(rng.sample(by_kind[kind], min(24, len(by_kind[kind]))), key=lambda p: p.id)
        found: set[int] = set()
        for start in range(0, len(sample), 6):
            url = f"{ORIGIN}/{kind}/{start}"
            pages[url] = raw_page(sample[start : start + 6])
            found |= ids(trap.visit(tab, url))
        caught[kind] = found & {p.id for p in sample}
    assert [kind for kind in KINDS if not caught[kind]] == []


def test_markup_checks_flag_what_a_sanitizer_must_remove(raw):
    context, pages = raw
    trap = Trap(context)
    tab = context.new_page()
    pages[f"{ORIGIN}/links"] = raw_page([
        Payload(1, "url", '<a href=" java\tscript:void(0)">x</a>'),
        Payload(2, "url", '<form><button formaction="vbscript:x">x</button></form>'),
        Payload(3, "handler", "<p onclick=void(0)>x</p>"),
        Payload(4, "tag", '<script type="application/ld+json">{"a": "</script>x'),
    ])  # fmt: skip
    problems = " ".join(trap.visit(tab, f"{ORIGIN}/links"))
    for found in ["href= java", "formaction=vbscript", "event handler onclick", "broken JSON"]:
        assert found in problems
