"""Time wire ingest: signatures, parsing, taking stories in beside a full desk, a poll.

    python bench/wire.py [--desk 10000] [--stories 200] [--json]

In a fresh database (a temporary data folder), ``--desk`` stories of the last day are
put on the wire desk with their signatures and bands (bulk, no articles), as a busy
desk holds them. Then ``--stories`` new stories, none the same news as another, are
taken in one at a time through ``take_in`` (each makes a published article: search
index and related lists included); then the same number again, each a copy of one of
them (grouped). Synthetic text: 250–450 words drawn from a 6,000-word vocabulary with
Zipf-like frequencies, so unrelated stories share common words as real ones do
(about 4 % alike, as unrelated stories in the test corpus are).
Also timed: a MinHash signature, parsing a 100-entry RSS feed, and a poll of a
50-entry feed over HTTP on 127.0.0.1 (first read, then a 304).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

VOCABULARY = 6000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desk", type=int, default=10_000, help="stories already on the desk")
    parser.add_argument("--stories", type=int, default=200, help="new stories taken in")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def setup() -> None:
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    os.environ["MASTHEAD_DATA"] = tempfile.mkdtemp(prefix="masthead-wire-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
    os.environ["LOG_LEVEL"] = "ERROR"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


class Writer:
    """Synthetic stories: words with Zipf-like frequencies, a few figures."""

    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        self.words = [f"w{n}x" for n in range(VOCABULARY)]
        # Zipf-like, without the head that the small-word list removes from real text:
        # unrelated stories come out about 4 % alike, as the test corpus's do.
        self.weights = [1 / (rank + 150) for rank in range(VOCABULARY)]

    def story(self) -> tuple[str, str]:
        count = self.rng.randint(250, 450)
        words = self.rng.choices(self.words, self.weights, k=count)
        figures = [str(self.rng.randint(10, 99_999)) for _ in range(4)]
        title = " ".join(words[:8])
        paragraphs = [" ".join(words[i : i + 60]) for i in range(0, count, 60)]
        paragraphs[0] += " " + " ".join(figures)
        return title, "".join(f"<p>{p}</p>" for p in paragraphs)


def fill_desk(writer: Writer, count: int, feed: Any) -> float:
    """Put ``count`` stories of the last day on the desk, in bulk; return seconds."""
    from datetime import timedelta

    from masthead.core import clock
    from masthead.ingest.models import WireBand, WireItem
    from masthead.ingest.wire.similarity import band_keys, figures, pack, shingles, signature

    started = time.perf_counter()
    now = clock.now()
    for start in range(0, count, 1000):
        items, keys = [], []
        for n in range(start, min(count, start + 1000)):
            title, body = writer.story()
            sig = signature(shingles(f"{title}\n{body}"))
            items.append(WireItem(
                feed=feed, key=f"desk-{n}", title=title, body=body, digest="-",
                outcome=WireItem.Outcome.PUBLISHED, signature=pack(sig),
                figures=" ".join(sorted(figures(body))),
                seen_at=now - timedelta(seconds=n * 86_400 / max(count, 1)),
            ))  # fmt: skip
            keys.append(band_keys(sig))
        WireItem.objects.bulk_create(items)
        WireBand.objects.bulk_create(
            WireBand(item=item, key=key, seen_at=item.seen_at)
            for item, ks in zip(items, keys, strict=True)
            for key in ks
        )
    return time.perf_counter() - started


def take(stories: list[tuple[str, str]], feed: Any, prefix: str) -> dict[str, Any]:
    """Take ``stories`` in one at a time; time each, count queries and outcomes."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from masthead.core import clock
    from masthead.ingest.wire.mapper import take_in
    from masthead.ingest.wire.policy import WirePolicy
    from masthead.ingest.wire.records import WireDocument, WireEntry

    times, queries, outcomes = [], [], {"created": 0, "grouped": 0}
    for n, (title, body) in enumerate(stories):
        document = WireDocument(format="rss", entries=(
            WireEntry(key=f"{prefix}-{n}", title=title, content=body),))  # fmt: skip
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            tally = take_in(document, feed=feed, now=clock.now(), policy=WirePolicy())
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
        outcomes["created"] += tally.created
        outcomes["grouped"] += tally.grouped
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(sorted(times)[int(len(times) * 0.95) - 1], 1),
        "stories_per_s": round(len(times) / (sum(times) / 1000), 1),
        "queries_median": statistics.median(queries),
        **outcomes,
    }


def copy_of(story: tuple[str, str]) -> tuple[str, str]:
    title, body = story
    paragraphs = body.split("</p>")
    return "UPDATE " + title, "</p>".join([*paragraphs[:-2], "<p>Additional reporting.", ""])


def pure_timings(writer: Writer) -> dict[str, Any]:
    from masthead.ingest.wire.parser import parse_feed
    from masthead.ingest.wire.similarity import shingles, signature

    texts = ["\n".join(writer.story()) for _ in range(200)]
    started = time.perf_counter()
    for text in texts:
        signature(shingles(text))
    per_signature = (time.perf_counter() - started) * 1000 / len(texts)
    feed = rss(writer, 100)
    runs = []
    for _ in range(10):
        started = time.perf_counter()
        parse_feed(feed)
        runs.append((time.perf_counter() - started) * 1000)
    return {"signature_ms": round(per_signature, 2), "parse_100_entries_ms":
            round(statistics.median(runs), 1), "feed_kb": round(len(feed) / 1024)}  # fmt: skip


def rss(writer: Writer, entries: int) -> bytes:
    from xml.sax.saxutils import escape

    items = []
    for n in range(entries):
        title, body = writer.story()
        items.append(f"<item><title>{escape(title)}</title><guid>bench-{n}</guid>"
                     f"<link>https://wire.example/{n}</link>"
                     f"<description>{escape(body)}</description></item>")  # fmt: skip
    channel = "<title>Bench</title><link>https://wire.example/</link>" + "".join(items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{channel}</channel></rss>'.encode()


def poll_over_http(writer: Writer, feed: Any) -> dict[str, Any]:
    """Poll a 50-entry feed served on 127.0.0.1: first read, then an unchanged poll."""
    from masthead.ingest.wire import poll
    from masthead.ingest.wire.policy import WirePolicy

    body = rss(writer, 50)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.headers.get("If-None-Match") == '"b1"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", '"b1"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    feed.url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    feed.save()
    figures = {}
    for label in ("first_poll_s", "unchanged_poll_s"):
        started = time.perf_counter()
        [report] = poll.poll_feeds([feed], policy=WirePolicy())
        figures[label] = round(time.perf_counter() - started, 3)
        figures[label.replace("_s", "_outcome")] = f"{report.outcome}, {report.tally.created} new"
        feed.refresh_from_db()
    server.shutdown()
    return figures


def main() -> None:
    args = parse_args()
    setup()
    from render import about_run

    from masthead.articles.models import Category, Source
    from masthead.ingest.models import WireFeed

    section = Category.objects.create(name="Wire", slug="wire")
    publisher = Source.objects.create(name="Bench Wire", credit="Courtesy of Bench Wire")
    feed = WireFeed.objects.create(name="Bench", url="https://wire.example/feed.xml",
                                   publisher=publisher, category=section,
                                   mode=WireFeed.Mode.PUBLISH)  # fmt: skip
    writer = Writer()
    figures: dict[str, Any] = {**about_run(), "desk": args.desk, **pure_timings(writer)}
    figures["desk_fill_s"] = round(fill_desk(writer, args.desk, feed), 1)
    stories = [writer.story() for _ in range(args.stories)]
    figures["new_stories"] = take(stories, feed, "new")
    figures["copies"] = take([copy_of(s) for s in stories], feed, "copy")
    figures["poll"] = poll_over_http(writer, feed)
    print(json.dumps(figures, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
