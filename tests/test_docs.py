"""The docs are tested against the code, so they cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from masthead.config import clidocs

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "src" / "masthead" / "config"
ENV_READ = re.compile(
    r"""(?:environ\.get|environ\[|env\.flag|env\.words|env\.choice|env\.megabytes|setdefault)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def environment_variables() -> set[str]:
    """Every variable settings.py and env.py read."""
    names: set[str] = set()
    for path in (CONFIG / "settings.py", CONFIG / "env.py"):
        names |= set(ENV_READ.findall(path.read_text()))
    return names - {"DJANGO_SETTINGS_MODULE"}


def test_the_scan_finds_the_variables():
    """Guard the guard: the pattern sees the variables we know are read."""
    assert {
        "DATABASE_URL", "CACHE_URL", "SECRET_KEY", "DEBUG", "MASTHEAD_DATA",
        "MASTHEAD_RELATED_ENGINE", "MASTHEAD_IMAGE_MEMORY_MB",
    } <= environment_variables()  # fmt: skip


@pytest.mark.parametrize("name", sorted(environment_variables()))
def test_every_environment_variable_is_documented(name: str):
    assert f"`{name}`" in (ROOT / "docs" / "configuration.md").read_text()


def test_cli_reference_matches_the_commands_help():
    """docs/cli.md is what `make docs` generates now; run it after changing a command."""
    assert (ROOT / "docs" / "cli.md").read_text() == clidocs.render()


def test_readme_opens_with_the_two_commands():
    opening = (ROOT / "README.md").read_text()[:800]
    assert "make demo" in opening
    assert "make test" in opening
