"""The dependency rule: apps use core and articles; leaf apps never import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "masthead"
LEAVES = {"comments", "discovery", "caching", "feeds", "ingest", "api", "demo"}
# What each app may import besides itself, core, config and articles.
ALLOWED: dict[str, set[str]] = {
    "core": {"config"},
    "articles": set(),
    "comments": set(),
    "discovery": set(),
    "caching": set(),
    "feeds": set(),
    # Imports bring comments; the API moderates them. Both go through comments' services.
    "ingest": {"comments"},
    # The API's `q` filter reads through discovery's search backend (as the search page does).
    "api": {"comments", "discovery"},
    "backoffice": {"comments", "discovery", "caching"},
    # The demo fills every app with data and times the whole site.
    "demo": {"comments", "caching"},
}


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
