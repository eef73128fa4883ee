"""Read the same feeds with the wire's own parser and with feedparser, in one process.

    python bench/wire_parsers.py [--runs 30] [--json]

The figures behind docs/decisions/0003-wire-feed-parser.md: the median time to read a
100-entry RSS 2.0 and a 100-entry Atom feed (about 370 KB each, written by the wire
tests' feed builder), one 6.4 MB RSS feed (past the fetcher's 5 MB limit, the worst a
poll can meet), and the peak Python memory each parser allocates while reading it
(tracemalloc). feedparser is given the feed's address so it can resolve links, as the
wire's mapper does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the wire tests' feed builder writes the documents

ADDRESS = "https://wire.example/feed.xml"
PARAGRAPH = "<p>" + " ".join(["The council met on Tuesday to agree the harbour budget."] * 20)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs per small feed (median)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def readers() -> dict[str, Callable[[bytes], Any]]:
    """The two ways to read a feed, by name."""
    import feedparser

    from masthead.ingest.wire.parser import parse_feed

    return {
        "masthead": lambda data: parse_feed(data, url=ADDRESS),
        "feedparser": lambda data: feedparser.parse(
            data, response_headers={"content-location": ADDRESS}
        ),
    }


def documents() -> dict[str, bytes]:
    """The feeds to read: 100 entries in each format, and one very large feed."""
    from tests.ingest.wire.feeds import atom, rss, story

    body = PARAGRAPH * 3 + "</p>"
    return {
        "rss-100": rss([story(i, content=body) for i in range(1, 101)]),
        "atom-100": atom([story(i, content=body) for i in range(1, 101)]),
        "rss-1699": rss([story(i, content=body) for i in range(1, 1700)]),
    }


def median_seconds(read: Callable[[bytes], Any], data: bytes, runs: int) -> float:
    """The median time of ``runs`` reads of ``data``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read(data)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_bytes(read: Callable[[bytes], Any], data: bytes) -> int:
    """The most Python memory allocated at once while reading ``data``."""
    tracemalloc.start()
    try:
        read(data)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(runs: int) -> list[dict[str, Any]]:
    """One row per document and parser."""
    rows = []
    for name, data in documents().items():
        repeat = runs if len(data) < 1_000_000 else 3
        for parser, read in readers().items():
            rows.append(
                {
                    "document": name,
                    "bytes": len(data),
                    "parser": parser,
                    "median_ms": round(median_seconds(read, data, repeat) * 1000, 1),
                    "peak_python_mb": round(peak_bytes(read, data) / 1e6, 1),
                }
            )
    return rows


def main() -> None:
    args = parse_args()
    import django

    django.setup()
    rows = measure(args.runs)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    for row in rows:
        print(
            f"{row['document']:>9} ({row['bytes'] / 1024:,.0f} KB) {row['parser']:>10}: "
            f"{row['median_ms']:8.1f} ms, peak {row['peak_python_mb']:.1f} MB"
        )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
    main()
