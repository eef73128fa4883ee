"""axe-core in a Playwright page: run the WCAG 2.2 A and AA rules, describe what fails.

Shared by the public site's and the back office's accessibility tests, so both hold
their pages to the same rules. axe-core comes from npm (``make install-js``).
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from tests.conftest import AXE

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (2.2 adds no level-A rule to axe), plus
# axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe on the page as it is now; return its violations."""
    assert AXE.exists(), f"axe-core is missing ({AXE}): run make install-js"
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the pages' Content-Security-Policy refuses
        # inline scripts, and the test's own code is not the page's.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    violations: list[dict[str, Any]] = page.evaluate(RUN_AXE, TAGS)
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """The violations one rule a line (id, impact, help), each element under it."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {target}" for target in v["targets"])
    return "\n".join(lines)
