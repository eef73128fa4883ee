"""The benchmarks' pure parts: what bench/related_quality.py counts as a good list, and how
bench/load.py (`make bench-http`) tabulates, charts and samples memory."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from xml.etree import ElementTree

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


# --- make bench-http: the side-by-side table, its ratios, its chart, memory ------------------
report = load("http_report")
memory = load("http_memory")


def result(name: str, label: str, rates: tuple[float, float, float], rss: float = 100) -> dict:
    keys = ("one", "rotate200", "home")
    scenarios = {
        k: {"rps": r, "p50_us": 9400, "p99_us": 124000, "other_cpu_pct": 1.2}
        for k, r in zip(keys, rates, strict=True)
    }
    return {"name": name, "label": label, "scenarios": scenarios,
            "mem": {"rss_mib": rss, "pss_mib": rss / 2}}  # fmt: skip


def side_by_side() -> dict[str, dict]:
    rows = {
        "wagtail": result("wagtail", "Wagtail", (177, 177, 319)),
        "wagtail-cache": result("wagtail-cache", "Wagtail cached", (4000, 4000, 5000)),
        "static-nginx": result("static-nginx", "nginx", (64000, 70000, 60000)),
        "masthead-cache": result("masthead-cache", "Masthead cached", (16000, 20000, 15000)),
        "masthead-nocache": result("masthead-nocache", "Masthead uncached", (531, 500, 61)),
    }
    return rows


META = {"date": "2026-12-07 12:45 UTC", "machine": "2 cores", "how": "wrk", "load": "quiet"}


def test_ratios_compare_each_masthead_row_with_its_anchor_per_scenario():
    found = {(r["mine"], r["theirs"]): r for r in report.ratio_rows(side_by_side())}
    cached = found[("Masthead cached", "Wagtail cached")]
    assert cached["values"] == pytest.approx([4.0, 5.0, 3.0])
    assert [report.fmt_ratio(v) for v in (0.8996, 0.0401, 4.0, 12.4)] == [
        "0.899×",
        "0.040×",
        "4.00×",
        "12×",
    ]
    assert cached["goal"] == 4.0
    assert cached["met"] is False  # the home page is at 3×: every scenario must reach the goal
    assert found[("Masthead cached", "nginx")]["met"] is True
    uncached = found[("Masthead uncached", "Wagtail")]
    assert uncached["values"][0] == pytest.approx(3.0)
    assert uncached["met"] is False
    assert ("Masthead's publish-static files, served by nginx", "nginx") not in found


def test_the_table_lists_rates_latencies_memory_and_the_worst_other_cpu():
    lines = report.table(side_by_side())
    assert lines[0].startswith("| target | one article req/s (p50, p99 ms)")
    names = [line.split("|")[1].strip() for line in lines[2:]]
    assert names == ["Wagtail", "**Masthead uncached**", "Wagtail cached", "**Masthead cached**",
                     "nginx"]  # fmt: skip
    assert "| 16,000 (9.4, 124) |" in lines[5]
    assert lines[5].endswith("| 100 (50) | 1.2 |")


def test_without_the_harness_the_anchors_are_the_issues_figures_and_say_so():
    rows = {**report.reference_rows(), "masthead-cache": side_by_side()["masthead-cache"]}
    assert rows["wagtail-cache"]["scenarios"]["home"]["rps"] == 4826
    assert "[issue, 2026-12-06]" in rows["wagtail"]["label"]
    text = report.markdown(rows, META)
    assert "| 4,416 | 3,838 | 4,826 |" in text  # no latencies were recorded for them
    assert "16,000 / 4,416" not in text
    ratio = next(r for r in report.ratio_rows(rows) if r["theirs"].startswith("Wagtail +"))
    assert ratio["values"][0] == pytest.approx(16000 / 4416)


def test_the_block_goes_between_the_markers_and_a_second_run_replaces_it():
    page = "# Benchmarks\n\nintro\n"
    once = report.replace_block(page, "first", "## Side by side")
    assert once.endswith(f"## Side by side\n\n{report.BEGIN}\nfirst\n{report.END}\n")
    twice = report.replace_block(once + "\n## Later section\n", "second", "## Side by side")
    assert "first" not in twice
    assert twice.count(report.BEGIN) == 1
    assert twice.count("## Side by side") == 1
    assert twice.endswith(f"{report.BEGIN}\nsecond\n{report.END}\n\n## Later section\n")


def test_the_chart_is_svg_with_a_title_a_description_and_a_label_per_bar():
    rows = side_by_side()
    tree = ElementTree.fromstring(report.svg(rows, META))  # noqa: S314 (our own output)
    ns = "{http://www.w3.org/2000/svg}"
    assert tree.get("role") == "img"
    assert tree.find(f"{ns}title").text.startswith("Requests per second")
    desc = tree.find(f"{ns}desc").text
    assert "Masthead cached: one article 16,000, 200 articles 20,000, home page 15,000" in desc
    texts = [t.text for t in tree.iter(f"{ns}text")]
    for row in rows.values():
        assert row["label"] in texts
    assert texts.count("64,000") == 1
    bars = [r for r in tree.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert len(bars) == 3 * len(rows)


def test_the_chart_scale_is_logarithmic_so_small_rates_still_show():
    width = 500
    assert report.scale(100, 100_000, width) == pytest.approx(width / 4)
    assert report.scale(1000, 100_000, width) == pytest.approx(width / 2)
    assert report.scale(50, 100_000, width) > 50
    assert report.scale(5, 100_000, width) == 1


def test_memory_reads_rss_and_pss_from_smaps_rollup():
    text = (
        "00400000-7ff [rollup]\nRss:               81920 kB\nPss:               40960 kB\n"
        "Private_Clean:       1024 kB\nPrivate_Dirty:      9216 kB\n"
        "Pss_Anon:           10240 kB\nAnonymous:          20480 kB\nSwap:      0 kB\n"
    )
    assert memory.parse_rollup(text) == {
        "rss_mib": 80.0,
        "pss_mib": 40.0,
        "anon_mib": 20.0,
        "uss_mib": 10.0,
    }


def test_memory_tells_the_master_from_its_workers():
    code = (
        "import subprocess, sys\nfor _ in 'ab': subprocess.Popen(['sleep', '30'])\nsys.stdin.read()"
    )
    master = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60  # a loaded machine starts processes slowly
        while len(memory.pid_tree(master.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        procs = memory.processes(memory.pid_tree(master.pid))
        assert [p["role"] for p in procs] == ["master", "worker", "worker"]
        assert procs[0]["pid"] == master.pid
        assert all(p["rss_mib"] > 0 for p in procs)
        assert memory.summary(procs).startswith("master ")
    finally:
        for pid in memory.pid_tree(master.pid)[1:]:
            subprocess.run(["kill", str(pid)], check=False)
        master.communicate(b"")


def test_the_wrk_summary_line_is_found_among_wrks_output():
    out = 'Running 5s test\n  2 threads\nBENCHJSON {"requests": 1200, "duration_us": 5000000}\n'
    assert memory.benchjson(out) == {"requests": 1200, "duration_us": 5000000}
    with pytest.raises(ValueError, match="no BENCHJSON"):
        memory.benchjson("Running 5s test\n")


def test_the_soak_table_shows_each_worker_every_sample_and_its_growth():
    def sample(n: int, rss: tuple[float, float]) -> dict:
        procs = [{"pid": 1, "role": "master", "rss_mib": 60.0}]
        procs += [{"pid": 2 + i, "role": "worker", "rss_mib": r} for i, r in enumerate(rss)]
        return {"requests": n, "procs": procs}

    samples = [sample(0, (90, 91)), sample(10_312, (95, 93)), sample(100_400, (96, 92.5))]
    soak = {"label": "Masthead cached", "paths": 200, "samples": samples}
    lines = report.soak_lines(soak)
    assert "| requests | worker 1 RSS (USS) MiB | worker 2 RSS (USS) MiB |" in lines
    assert "| 10,312 | 95.0 | 93.0 |" in lines
    assert (
        lines[-1]
        == "Growth from the first to the last sample: worker 1 +6.0 MiB, worker 2 +1.5 MiB."
    )
    assert report.soak_growth(soak) == pytest.approx([6.0, 1.5])


def test_memory_per_process_is_listed_after_start_and_after_the_runs():
    rows = side_by_side()
    rows["masthead-cache"]["mem_start"] = [
        {"pid": 1, "role": "master", "rss_mib": 58.2, "uss_mib": 40.1},
        {"pid": 2, "role": "worker", "rss_mib": 60.0, "uss_mib": 41.0},
    ]
    rows["masthead-cache"]["mem_after"] = [
        {"pid": 1, "role": "master", "rss_mib": 58.2, "uss_mib": 40.1},
        {"pid": 2, "role": "worker", "rss_mib": 151.0, "uss_mib": 70.4},
        {"pid": 3, "role": "worker", "rss_mib": 149.6, "uss_mib": 69.0},
    ]
    lines = report.memory_lines(rows)
    assert lines[-2] == (
        "| Masthead cached | master 58 (40), workers 60 (41) | "
        "master 58 (40), workers 151 (70) + 150 (69) |"
    )
    assert len(lines) == 6  # only the row that recorded it


runner = load("load")


def test_rows_define_what_masthead_serve_runs_with(tmp_path):
    args = runner.parse(["--work", str(tmp_path), "--database-url", "postgres://x/bench_db"])
    specs = {s["name"]: s for s in runner.row_specs(args, anchor=tmp_path)}
    assert specs["masthead-nocache"]["env"] == {"PAGE_CACHE_SECONDS": "0"}
    assert specs["masthead-cache"]["env"] == {}
    assert specs["masthead-cache"]["label"] == "Masthead, page cache on (default), PostgreSQL"
    assert specs["masthead-cache"]["data"] == str(tmp_path / "site")
    assert specs["masthead-cache"]["pythonpath"] == str(runner.ROOT / "src")
    # This checkout has no `masthead publish-static` yet: no static row rather than a failed one.
    assert ("masthead-static" in specs) == bool(runner.masthead_help(runner.ROOT, "publish-static"))


def test_a_server_row_needs_masthead_serve_to_have_the_option(tmp_path):
    args = runner.parse(["--work", str(tmp_path), "--server", "granian"])
    if "--server" in runner.masthead_help(runner.ROOT, "serve"):
        specs = {s["name"]: s for s in runner.row_specs(args, anchor=tmp_path)}
        assert specs["masthead-granian"]["flags"] == ["--server", "granian"]
    else:
        with pytest.raises(SystemExit, match="no --server option"):
            runner.row_specs(args, anchor=tmp_path)


def test_merging_keeps_the_earlier_rows_and_says_so():
    earlier = {"meta": {"date": "2026-12-07 12:20 UTC"}, "rows": side_by_side()}
    again = {"static-nginx": result("static-nginx", "nginx", (60000, 61000, 62000))}
    rows, how = runner.merged(earlier, again, "wrk.")
    assert rows["static-nginx"]["scenarios"]["one"]["rps"] == 60000
    assert rows["wagtail"]["run"] == "2026-12-07 12:20 UTC"
    assert "run" not in rows["static-nginx"]
    assert how.startswith("wrk. Rows from the earlier run of 2026-12-07 12:20 UTC: Wagtail, ")
    assert "nginx" not in how
