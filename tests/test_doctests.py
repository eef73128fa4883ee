"""The worked examples in docstrings hold: every module under src/masthead with ``>>>``.

They run with Django set up and no database: examples teach pure parts (unsaved models).
"""

from __future__ import annotations

import doctest
import importlib
import io
import types
from pathlib import Path

import pytest

import masthead

SOURCE = Path(masthead.__file__).parent


def modules_with_examples() -> list[str]:
    """The dotted names of the modules whose source holds a ``>>>`` example."""
    names = []
    for path in sorted(SOURCE.rglob("*.py")):
        if ">>> " in path.read_text(encoding="utf-8"):
            parts = path.relative_to(SOURCE.parent).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def run_examples(module: types.ModuleType) -> tuple[doctest.TestResults, str]:
    """Run the examples of ``module``; return the counts and what failed, as doctest says."""
    out = io.StringIO()
    # A long result may be wrapped over several lines, as people write them.
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    for test in doctest.DocTestFinder().find(module, module.__name__):
        runner.run(test, out=out.write)
    return doctest.TestResults(runner.failures, runner.tries), out.getvalue()


@pytest.mark.parametrize("name", modules_with_examples())
def test_the_examples_in_the_docstrings_hold(name: str):
    results, report = run_examples(importlib.import_module(name))
    assert results.attempted > 0, f"{name} has '>>> ' but no example doctest can find"
    assert results.failed == 0, report


def test_every_module_with_examples_is_found():
    """The discovery is no empty loop: it sees the modules we know teach by example."""
    names = modules_with_examples()
    assert {"masthead.comments.moderation", "masthead.comments.classifier"} <= set(names)
    assert all(name.startswith("masthead.") for name in names)


def test_a_wrong_example_fails_and_says_where():
    module = types.ModuleType("masthead.example")
    module.__doc__ = "Adding.\n\n>>> 1 + 1\n3\n"
    results, report = run_examples(module)
    assert (results.attempted, results.failed) == (1, 1)
    assert "masthead.example" in report
    assert "Expected:\n    3\nGot:\n    2" in report
