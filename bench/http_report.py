"""The side-by-side table, its ratios and its bar chart, from run-one.sh-shaped results.

Pure functions (no I/O but ``write_docs``): ``bench/load.py`` collects one result per row,
in the anchor harness's JSON shape (``scenarios.{one,rotate200,home}.rps``, ``p50_us``,
``p99_us``, ``other_cpu_pct``; ``mem.rss_mib``, ``mem.pss_mib``), and this module turns
them into the Markdown block between the markers in docs/benchmarks.md and an SVG chart.
"""

from __future__ import annotations

import math
import re
from html import escape
from pathlib import Path
from typing import Any

BEGIN = "<!-- bench-http:begin -->"
END = "<!-- bench-http:end -->"
SCENARIOS = [("one", "one article"), ("rotate200", "200 articles"), ("home", "home page")]

# The anchors as issue #15 recorded them (team harness, 2026-12-06, same corpus and machine kind):
# what a run without the harness compares against.
REFERENCE_DATE = "2026-12-06"
REFERENCE = {
    "wordpress": ("WordPress 6.1, no page cache", (50, 49, 51), (353, 191)),
    "wagtail": ("Wagtail 8 (gunicorn 2 sync, SQLite)", (177, 177, 319), (235, 192)),
    "wagtail-cache": ("Wagtail + per-site cache", (4416, 3838, 4826), (232, 190)),
    "static-nginx": ("nginx: Masthead's article HTML from a file", (64020, 70985, 67119), (10, 4)),
}
# (Masthead row, anchor it is compared with, goal from issue #15 or None)
COMPARISONS = [
    ("masthead-cache", "wagtail-cache", 4.0),
    ("masthead-cache", "static-nginx", 0.25),
    ("masthead-cache", "wagtail", None),
    ("masthead-nocache", "wagtail", 3.0),
    ("masthead-static", "static-nginx", 0.9),
]
ORDER = [
    "wordpress",
    "wagtail",
    "masthead-nocache",
    "wagtail-cache",
    "masthead-cache",
    "masthead-static",
    "static-nginx",
]


def reference_rows() -> dict[str, dict[str, Any]]:
    """The issue's anchor figures in the results' shape (rates and memory only)."""
    rows = {}
    for name, (label, rates, (rss, pss)) in REFERENCE.items():
        scenarios = {key: {"rps": rate} for (key, _), rate in zip(SCENARIOS, rates, strict=True)}
        rows[name] = {
            "name": name,
            "label": f"{label} [issue, {REFERENCE_DATE}]",
            "scenarios": scenarios,
            "mem": {"rss_mib": rss, "pss_mib": pss},
            "reference": True,
        }
    return rows


def ordered(rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows slowest kind first, as the issue lists them; unknown rows (other servers) last."""
    rank = {name: i for i, name in enumerate(ORDER)}
    return sorted(rows.values(), key=lambda r: (rank.get(r["name"], len(ORDER)), r["name"]))


def rate(row: dict[str, Any], scenario: str) -> float | None:
    data = row.get("scenarios", {}).get(scenario)
    return None if data is None else float(data["rps"])


def ratio_rows(rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each Masthead row over each anchor it is judged against, per scenario."""
    out = []
    for mine, theirs, goal in COMPARISONS:
        if mine not in rows or theirs not in rows:
            continue
        values = []
        for key, _ in SCENARIOS:
            a, b = rate(rows[mine], key), rate(rows[theirs], key)
            values.append(None if a is None or not b else a / b)
        met = None if goal is None else all(v is not None and v >= goal for v in values)
        out.append(
            {
                "mine": rows[mine]["label"],
                "theirs": rows[theirs]["label"],
                "values": values,
                "goal": goal,
                "met": met,
            }
        )
    return out


def fmt_rate(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def fmt_ms(us: float | None) -> str:
    if us is None:
        return "–"
    ms = us / 1000
    return f"{ms:.1f}" if ms < 100 else f"{ms:.0f}"


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "–"
    # Truncated, not rounded: 0.8996 shows as 0.899, not as the 0.90 goal it misses.
    if value < 1:
        return f"{math.floor(value * 1000) / 1000:.3f}×"
    return f"{math.floor(value * 100) / 100:.2f}×" if value < 10 else f"{value:.0f}×"


def cell(row: dict[str, Any], key: str) -> str:
    data = row.get("scenarios", {}).get(key)
    if data is None:
        return "–"
    text = fmt_rate(data["rps"])
    if "p50_us" in data:
        text += f" ({fmt_ms(data['p50_us'])}, {fmt_ms(data['p99_us'])})"
    return text


def mem_cell(row: dict[str, Any]) -> str:
    mem = row.get("mem")
    return "–" if not mem else f"{mem['rss_mib']:.0f} ({mem['pss_mib']:.0f})"


def other_cpu(row: dict[str, Any]) -> str:
    seen = [d.get("other_cpu_pct") for d in row.get("scenarios", {}).values()]
    seen = [v for v in seen if v is not None]
    return "–" if not seen else f"{max(seen):.1f}"


def table(rows: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        "| target | one article req/s (p50, p99 ms) | 200 articles | home page "
        "| RSS MiB (PSS), all processes | other CPU % (max) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in ordered(rows):
        label = row["label"]
        if row["name"].startswith("masthead"):
            label = f"**{label}**"
        cells = " | ".join(cell(row, key) for key, _ in SCENARIOS)
        lines.append(f"| {label} | {cells} | {mem_cell(row)} | {other_cpu(row)} |")
    return lines


def ratio_table(rows: dict[str, dict[str, Any]]) -> list[str]:
    found = ratio_rows(rows)
    if not found:
        return []
    lines = [
        "| Masthead row | compared with | one article | 200 articles | home page | goal (#15) |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for r in found:
        goal = "–" if r["goal"] is None else f"≥ {r['goal']:g}×: {'met' if r['met'] else 'not yet'}"
        values = " | ".join(fmt_ratio(v) for v in r["values"])
        lines.append(f"| {r['mine']} | {r['theirs']} | {values} | {goal} |")
    return lines


def proc_cells(procs: list[dict[str, Any]]) -> str:
    """'master 61 (12), workers 95 (40) + 97 (41)': RSS (USS) in MiB."""

    def one(p: dict[str, Any]) -> str:
        uss = p.get("uss_mib")
        return f"{p['rss_mib']:.0f}" + ("" if uss is None else f" ({uss:.0f})")

    parts = []
    for role, title in (("master", "master"), ("worker", "workers")):
        mine = [one(p) for p in procs if p["role"] == role]
        if mine:
            parts.append(f"{title} " + " + ".join(mine))
    return ", ".join(parts) or "–"


def memory_lines(rows: dict[str, dict[str, Any]]) -> list[str]:
    """Per process, after start and after the measured runs, for the rows that recorded it."""
    found = [r for r in ordered(rows) if r.get("mem_after")]
    if not found:
        return []
    lines = [
        "Memory per process, RSS MiB (USS: the pages no other process maps; RSS also counts "
        "what a worker shares with the master and SQLite's mmap of the database):",
        "",
        "| row | after start | after the measured runs |",
        "| --- | --- | --- |",
    ]
    for r in found:
        lines.append(
            f"| {r['label']} | {proc_cells(r.get('mem_start', []))} | "
            f"{proc_cells(r['mem_after'])} |"
        )
    return [*lines, ""]


def soak_lines(soak: dict[str, Any] | None) -> list[str]:
    """Each worker's RSS every ~10,000 requests, and its growth over the run."""
    if not soak or not soak.get("samples"):
        return []
    samples = soak["samples"]
    pids = [p["pid"] for p in samples[0]["procs"] if p["role"] == "worker"]
    head = (
        "| requests | "
        + " | ".join(f"worker {i + 1} RSS (USS) MiB" for i in range(len(pids)))
        + " |"
    )
    lines = [
        f"Worker memory over {samples[-1]['requests']:,} requests ({soak['label']}, "
        f"{soak['paths']} rotating article URLs):",
        "",
        head,
        "| ---: |" + " ---: |" * len(pids),
    ]
    for s in samples:
        by_pid = {p["pid"]: p for p in s["procs"]}
        lines.append(
            f"| {s['requests']:,} | "
            + " | ".join(mem_pair(by_pid[p]) if p in by_pid else "gone" for p in pids)
            + " |"
        )
    growth = soak_growth(soak)
    lines += [
        "",
        "Growth from the first to the last sample: "
        + ", ".join(f"worker {i + 1} {g:+.1f} MiB" for i, g in enumerate(growth))
        + ".",
    ]
    return lines


def mem_pair(proc: dict[str, Any]) -> str:
    uss = proc.get("uss_mib")
    return f"{proc['rss_mib']:.1f}" + ("" if uss is None else f" ({uss:.1f})")


def soak_growth(soak: dict[str, Any]) -> list[float]:
    first, last = soak["samples"][0], soak["samples"][-1]
    end = {p["pid"]: p["rss_mib"] for p in last["procs"]}
    return [
        end.get(p["pid"], math.nan) - p["rss_mib"] for p in first["procs"] if p["role"] == "worker"
    ]


def markdown(rows: dict[str, dict[str, Any]], meta: dict[str, Any]) -> str:
    """The block between the markers: how it was run, the table, the ratios, the chart."""
    lines = [
        f"Run of {meta['date']} on {meta['machine']}; {meta['how']}",
        f"Machine load: {meta['load']}",
        "",
    ]
    lines += [*table(rows), ""]
    ratios = ratio_table(rows)
    if ratios:
        lines += ["Ratios of request rates, same scenario:", "", *ratios, ""]
    lines += memory_lines(rows)
    lines += soak_lines(meta.get("soak"))
    if meta.get("soak"):
        lines.append("")
    lines.append(
        "![Requests per second per target and scenario (log scale)](images/bench-http.svg)"
    )
    return "\n".join(lines)


def replace_block(text: str, block: str, heading: str) -> str:
    """Put ``block`` between the markers, or append a section with the markers."""
    wrapped = f"{BEGIN}\n{block}\n{END}"
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if pattern.search(text):
        return pattern.sub(lambda _: wrapped, text, count=1)
    return text.rstrip("\n") + f"\n\n{heading}\n\n{wrapped}\n"


def write_docs(
    docs: Path, rows: dict[str, dict[str, Any]], meta: dict[str, Any], heading: str
) -> None:
    page = docs / "benchmarks.md"
    page.write_text(replace_block(page.read_text(), markdown(rows, meta), heading))
    (docs / "images").mkdir(exist_ok=True)
    (docs / "images" / "bench-http.svg").write_text(svg(rows, meta))


# --- the chart -----------------------------------------------------------------------------
COLOURS = {"one": "#1f5f99", "rotate200": "#5b9bd5", "home": "#c55a11"}
BAR, GAP, LEFT, RIGHT, TOP = 11, 12, 390, 70, 64


def scale(value: float, top: float, width: float) -> float:
    """Bar length on a log scale from 10 req/s to ``top`` (so 50 and 70,000 both show)."""
    low = 10.0
    if value <= low:
        return 1.0
    return width * math.log10(value / low) / math.log10(top / low)


def svg(rows: dict[str, dict[str, Any]], meta: dict[str, Any]) -> str:
    """A grouped horizontal bar chart, hand-written: a title, a description, text labels."""
    listed = ordered(rows)
    width = 980
    plot = width - LEFT - RIGHT
    top = max([rate(r, k) or 0 for r in listed for k, _ in SCENARIOS] + [100.0]) * 1.2
    group = 3 * BAR + GAP
    height = TOP + group * len(listed) + 60
    title = "Requests per second, side by side (log scale)"
    desc = f"{title}. {meta['date']}, {meta['machine']}. " + "; ".join(
        f"{r['label']}: " + ", ".join(f"{lab} {fmt_rate(rate(r, k))}" for k, lab in SCENARIOS)
        for r in listed
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="t d" '
        'font-family="sans-serif" font-size="12">',
        f'<title id="t">{escape(title)}</title>',
        f'<desc id="d">{escape(desc)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="10" y="20" font-size="15" font-weight="bold">{escape(title)}</text>',
        f'<text x="10" y="38" fill="#333">{escape(meta["date"] + ", " + meta["machine"])}</text>',
    ]
    out += legend(LEFT, 54) + grid(top, plot, TOP, height - 40)
    for i, row in enumerate(listed):
        out += bars(row, TOP + i * group, top, plot)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def legend(x: int, y: int) -> list[str]:
    out = []
    for i, (key, label) in enumerate(SCENARIOS):
        left = x + i * 140
        out.append(f'<rect x="{left}" y="{y - 10}" width="12" height="12" fill="{COLOURS[key]}"/>')
        out.append(f'<text x="{left + 16}" y="{y}">{label}</text>')
    return out


def grid(top: float, plot: int, y0: int, y1: int) -> list[str]:
    out = []
    tick = 10
    while tick <= top:
        x = LEFT + scale(tick, top, plot)
        out.append(f'<line x1="{x:.1f}" y1="{y0 - 4}" x2="{x:.1f}" y2="{y1}" stroke="#ddd"/>')
        out.append(
            f'<text x="{x:.1f}" y="{y1 + 14}" text-anchor="middle" fill="#555">{tick:,}</text>'
        )
        tick *= 10
    out.append(
        f'<text x="{LEFT + plot / 2:.0f}" y="{y1 + 30}" text-anchor="middle" fill="#333">'
        "requests per second (log scale)</text>"
    )
    return out


def bars(row: dict[str, Any], y: int, top: float, plot: int) -> list[str]:
    weight = ' font-weight="bold"' if row["name"].startswith("masthead") else ""
    label = row["label"] if len(row["label"]) <= 62 else row["label"][:61] + "…"
    middle = y + 1.5 * BAR + 4
    out = [f'<text x="{LEFT - 8}" y="{middle}" text-anchor="end"{weight}>{escape(label)}</text>']
    for j, (key, name) in enumerate(SCENARIOS):
        value = rate(row, key)
        if value is None:
            continue
        length, top_y = scale(value, top, plot), y + j * BAR
        out.append(
            f'<rect x="{LEFT}" y="{top_y}" width="{length:.1f}" height="{BAR - 2}" '
            f'fill="{COLOURS[key]}"><title>{escape(row["label"])}, {name}: '
            f"{fmt_rate(value)} req/s</title></rect>"
        )
        out.append(
            f'<text x="{LEFT + length + 4:.1f}" y="{top_y + BAR - 3}" font-size="10">'
            f"{fmt_rate(value)}</text>"
        )
    return out
