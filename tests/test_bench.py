"""The benchmarks' pure parts: what bench/related_quality.py counts as a good list, and kin."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load(name: str) -> ModuleType:
    """Import ``bench/<name>.py`` (the folder is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


quality = load("related_quality")


def test_precision_is_the_share_of_the_five_from_the_same_thread():
    assert quality.precision_at_k("a", ["a", "b", None, "a", "a"]) == pytest.approx(0.6)
    assert quality.precision_at_k("a", ["b", "b", "b", "b", "b"]) == 0


def test_missing_and_extra_related_articles_do_not_flatter_precision():
    assert quality.precision_at_k("a", ["a", "a"]) == pytest.approx(0.4)
    assert quality.precision_at_k("a", ["a"] * 5 + ["b"] * 3) == 1
    assert quality.precision_at_k("a", ["b"] * 5 + ["a"] * 3) == 0


def test_reciprocal_rank_is_one_over_the_first_same_thread_rank():
    assert quality.reciprocal_rank("a", ["a", "b"]) == 1
    assert quality.reciprocal_rank("a", [None, "b", "a", "a"]) == pytest.approx(1 / 3)
    assert quality.reciprocal_rank("a", ["b"] * 5 + ["a"]) == 0


def test_scores_average_over_the_sample():
    rows = [("a", ["a", "a", "a", "a", "a"]), ("b", ["c", "b", None, None, None])]
    assert quality.scores(rows) == {"precision_at_5": 0.6, "mrr_at_5": 0.75, "hit_at_5": 1.0}


def test_chance_is_the_thread_share_of_the_other_published_articles():
    labels = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b"}
    # Article 1: 2 of the 10 others are in its thread; article 4: 1 of them.
    assert quality.chance(labels, [1, 4], published=11) == pytest.approx((0.2 + 0.1) / 2)


def test_pg_scale_reports_percentiles_and_the_most_queries_and_trips():
    pg_scale = load("pg_scale")
    times = [float(n) for n in range(1, 101)]
    row = pg_scale.summary(times, [3] * 99 + [5], [4] * 99 + [7], [2048] * 100)
    assert (row["median_ms"], row["p95_ms"], row["p99_ms"]) == (50.5, 96.0, 100.0)
    assert (row["queries"], row["round_trips"], row["kb"]) == (5, 7, 2.0)
