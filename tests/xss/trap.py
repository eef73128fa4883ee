"""The browser's side of the hostile-content tests: a trap for scripts, and markup checks.

``Trap(context)`` prepares a Playwright browser context before any page opens:

- every frame gets ``__x`` and replacements for ``alert``, ``confirm``, ``prompt`` and
  ``print`` that report their call (the corpus's payloads call them with their id);
- every frame listens for ``securitypolicyviolation`` and reports it;
- a request to the marker host ``xss.invalid`` is answered nothing and reported (pictures
  aside: a picture from another host is a matter of privacy, not of scripts).

``trap.visit(page, url)`` loads a page and returns everything wrong with it: the trap's
reports, and what ``UNSAFE_MARKUP`` finds in the document as parsed (an ``on…``
attribute, a ``javascript:``, ``vbscript:`` or ``data:text/html`` address in any
attribute that loads or links, ``srcdoc``, a script that is neither the site's own file
nor JSON data, JSON-LD that is not JSON, ``<base>``, a refresh, a frame or plugin).
The site's templates have none of these, so anything found came from content.
"""

# The scripts run in the browser are JavaScript, whose lines ruff measures as Python.
# ruff: noqa: E501

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import BrowserContext, Page, Route
from playwright.sync_api import Error as PlaywrightError

from tests.xss.corpus import MARKER_HOST

INIT = """
(() => {
  const report = (kind, what) => { try { window.__xssReport(kind, String(what)); } catch (e) {} };
  const trap = (kind) => function (what) { report(kind, what); };
  for (const name of ["__x", "alert", "confirm", "prompt"]) {
    Object.defineProperty(window, name, {value: trap(name), writable: false, configurable: false});
  }
  Object.defineProperty(window, "print", {value: () => report("print", "-"), writable: false});
  document.addEventListener("securitypolicyviolation", (e) => report(
    "csp", `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
  ), true);
})();
"""

UNSAFE_MARKUP = """
() => {
  const found = [];
  const linking = new Set(["href", "src", "action", "formaction", "data", "xlink:href",
                           "poster", "background", "codebase", "cite", "longdesc", "icon"]);
  const bad = (value) => {
    let url;
    try { url = new URL(value, document.baseURI); } catch (e) { return false; }
    if (url.protocol === "javascript:" || url.protocol === "vbscript:") return true;
    return url.protocol === "data:" && /^data:\\s*(text\\/html|image\\/svg|application\\/xhtml)/i.test(url.href);
  };
  const where = (el) => el.outerHTML.slice(0, 160);
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) found.push(`event handler ${name}: ${where(el)}`);
      if (name === "srcdoc") found.push(`srcdoc: ${where(el)}`);
      if (linking.has(name) && bad(attr.value)) found.push(`${name}=${attr.value}: ${where(el)}`);
    }
  }
  for (const el of document.querySelectorAll(
      "base, meta[http-equiv], iframe, frame, object, embed, applet, portal, form[action^='javascript' i]")) {
    found.push(`element <${el.localName}>: ${where(el)}`);
  }
  for (const el of document.querySelectorAll("script")) {
    const kind = (el.getAttribute("type") || "").toLowerCase();
    if (kind === "application/ld+json" || kind === "application/json") {
      try { JSON.parse(el.textContent); } catch (e) { found.push(`broken JSON in a script: ${where(el)}`); }
    } else if (!el.src || new URL(el.src).origin !== location.origin || el.textContent.trim()) {
      found.push(`script: ${where(el)}`);
    }
  }
  return found;
}
"""
MARKER = re.compile(rf"^[a-z]+://([^/]*\.)?{re.escape(MARKER_HOST)}(:\d+)?/", re.IGNORECASE)


@dataclass
class Trap:
    """Reports from every page opened in ``context``; see the module docstring."""

    context: BrowserContext
    reports: list[str] = field(default_factory=list)
    pages: int = 0

    def __post_init__(self) -> None:
        self.context.expose_binding("__xssReport", self._report)
        self.context.add_init_script(INIT)
        self.context.route(MARKER, self._marker)

    def _report(self, source: dict[str, Any], kind: str, what: str) -> None:
        frame = source.get("frame")
        self.reports.append(f"{kind}({what}) in {frame.url if frame else '?'}")

    def _marker(self, route: Route) -> None:
        request = route.request
        if request.resource_type != "image":
            self.reports.append(f"request to {request.url} ({request.resource_type})")
        route.abort()

    def visit(self, page: Page, url: str, *, status: int | None = 200) -> list[str]:
        """Load ``url`` in ``page``; return what ran or looks unsafe there (empty: nothing)."""
        before = len(self.reports)
        response = page.goto(url, wait_until="load")
        return self.examine(page, url, response.status if response else None, status, before)

    def show(self, page: Page, html: str, *, name: str) -> list[str]:
        """Put ``html`` (an email, a feed item) in ``page`` as a reader's program would show it."""
        before = len(self.reports)
        page.set_content(html, wait_until="load")
        return self.examine(page, name, None, None, before)

    def examine(
        self, page: Page, name: str, got: int | None, expected: int | None, before: int
    ) -> list[str]:
        """Let timers and focus fire, then gather what went wrong with the page just loaded."""
        self.pages += 1
        page.wait_for_timeout(80)  # handlers on autofocus, timers, animations and toggles
        try:
            found = page.evaluate(UNSAFE_MARKUP)
        except PlaywrightError as exc:  # the page went elsewhere by itself: a refresh, a form
            found = [f"the page did not stay: {exc.message.splitlines()[0]}"]
        problems = [f"{name}: {item}" for item in found]
        problems += [f"{name}: {report}" for report in self.reports[before:]]
        if expected is not None and got != expected:
            problems.append(f"{name}: HTTP {got}, expected {expected}")
        return problems
