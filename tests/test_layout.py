"""The dependency rule: apps use core and articles; leaf apps never import each other."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "masthead"
LEAVES = {"comments", "discovery", "caching", "feeds", "ingest", "api", "demo"}
# What each app may import besides itself, core, config and articles: the exceptions to
# the dependency rule, each with its reason in docs/architecture.md ("Exceptions").
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "articles": set(),
    "comments": set(),
    "discovery": set(),
    "caching": set(),
    "feeds": set(),
    "ingest": {"comments"},
    "api": {"comments", "discovery"},
    "backoffice": {"comments"},
    "demo": {"comments"},
}
EDGES = sorted((app, other) for app, others in ALLOWED.items() for other in others)
ARCHITECTURE = SRC.parent.parent / "docs" / "architecture.md"


def imported_apps(path: Path) -> set[str]:
    """The masthead apps that ``path`` imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "masthead" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_app_imports_only_what_the_dependency_rule_allows(app: str):
    allowed = ALLOWED[app] | {app, "core", "config"} | ({"articles"} if app != "core" else set())
    if app == "articles":
        allowed = {"articles", "core", "config"}
    offenders = {
        str(path.relative_to(SRC)): sorted(imported_apps(path) - allowed)
        for path in (SRC / app).rglob("*.py")
        if imported_apps(path) - allowed
    }
    assert offenders == {}


def test_core_knows_no_newsroom_words():
    """core is the shared kit: it must not import the newsroom's apps."""
    for path in (SRC / "core").rglob("*.py"):
        assert not (imported_apps(path) & ({"articles"} | LEAVES)), path


@pytest.mark.parametrize(("app", "other"), EDGES)
def test_every_allowed_exception_is_used(app: str, other: str):
    """An exception no module uses any more is taken off the list, so it cannot go stale."""
    assert any(other in imported_apps(path) for path in (SRC / app).rglob("*.py"))


def test_every_exception_is_listed_with_its_reason_in_the_architecture_page():
    """docs/architecture.md has one table row per allowed edge: `app` | `other` | reason."""
    rows = re.findall(r"^\| `(\w+)` \| `(\w+)` \| (.+?) \|$", ARCHITECTURE.read_text(), re.M)
    assert sorted((app, other) for app, other, _ in rows) == EDGES
    assert all(reason.strip() for _, _, reason in rows)
