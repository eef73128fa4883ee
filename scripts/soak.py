"""Mixed traffic for a long while against `masthead serve` on PostgreSQL and Redis (`make soak`).

    python scripts/soak.py [--seconds 600] [--articles 2000] [--connections 10]
                           [--server granian|gunicorn] [--json FILE]

On a private stack (scripts/stack.py) with two workers of ``masthead serve`` (granian, its
default, or gunicorn), at the same time:

- readers: ``--connections`` threads reading articles, the home page and searches;
- commenters: a comment every 20 s, posted through the article page's form;
- an editor: every 10 s a story started, published, and an earlier one edited, with an
  API token;
- an import: every 2 minutes a WordPress export of five new posts, by
  ``masthead import wordpress``;
- the wire: ``masthead ingest --watch`` polling a feed served on 127.0.0.1 each minute,
  which gains two stories a minute.

Every answer that is not 2xx or 3xx, every command that fails and every failed poll is
an error. Each worker's resident memory is read every 5 s; its slope (MB per minute,
least squares) is taken after the first minute, when caches and compiled templates have
filled. Needs root, PostgreSQL's server binaries and redis-server; not run in CI.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from email.utils import formatdate
from http.cookiejar import CookieJar
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bs4 import BeautifulSoup
from stack import (
    ROOT,
    SERVERS,
    Answer,
    Load,
    Postgres,
    Redis,
    Site,
    free_port,
    machine,
    ok,
    reading_mix,
    rss_mb,
    tally,
)

sys.path.insert(0, str(ROOT))
from tests.ingest import wxr

WARM_UP = 60.0


class Activity:
    """A thread doing ``step()`` every ``every`` seconds, keeping what each step answered."""

    def __init__(self, every: float, step: Callable[[int], list[Answer]]) -> None:
        self.every, self.step = every, step
        self.answers: list[Answer] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        n = 0
        while not self.stopping.wait(self.every if n else 1.0):
            try:
                self.answers.extend(self.step(n))
            except Exception as exc:  # a failed step is an error of the run, not a crash
                now = time.monotonic()
                self.answers.append(Answer("step", now, now, f"{type(exc).__name__}: {exc}"))
            n += 1


def comment(port: int, paths: list[str]) -> Callable[[int], list[Answer]]:
    """Post a comment through an article page's form, as a reader's browser does."""

    def step(n: int) -> list[Answer]:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        base = f"http://127.0.0.1:{port}"
        started = time.monotonic()
        page = opener.open(base + random.choice(paths), timeout=30).read()
        form = BeautifulSoup(page, "html.parser").select_one("form[action^='/comments/post/']")
        if form is None:  # comments closed on this story
            return []
        fields = {i["name"]: i.get("value", "") for i in form.select("input[name]")}
        fields.update(body=f"Soak comment {n}: the council should publish the figures.",
                      author_name=f"Reader {n}", author_email=f"reader{n}@example.org",
                      homepage="")  # fmt: skip
        fields.pop("remember", None)
        # The page carries no time stamp: reply.js fetches one as the reader starts typing.
        stamp = opener.open(base + form["data-stamp"], timeout=30).read()
        fields["issued"] = json.loads(stamp)["issued"]
        time.sleep(3.5)  # the form refuses posts quicker than a person
        target = base + form["action"]
        try:
            answer = opener.open(target, urlencode(fields).encode(), timeout=30)
            # A posted comment redirects to its article; a refused one is the form again.
            status: int | str = answer.status if answer.geturl() != target else "form refused"
        except urllib.error.HTTPError as exc:
            status = exc.code
        return [Answer("comment", started, time.monotonic(), status)]

    return step


def editor(port: int, ready: dict[str, Any]) -> Callable[[int], list[Answer]]:
    """Start and publish a story with the API token; edit an earlier one."""
    from faults import STORY_BODY, api

    auth = {"Authorization": f"Bearer {ready['token']}", "Content-Type": "application/json"}
    published: list[int] = []

    def call(kind: str, method: str, path: str, payload: Any) -> tuple[Answer, Any]:
        started = time.monotonic()
        status, body = api(port, method, path, payload, auth)
        return Answer(kind, started, time.monotonic(), status), body

    def step(n: int) -> list[Answer]:
        story = {"title": f"Soak story {n}: council weighs the harbour budget",
                 "body": STORY_BODY, "category": ready["category"],
                 "tags": random.sample(ready["tags"], 3)}  # fmt: skip
        made, body = call("editor-create", "POST", "/api/v1/articles/", story)
        answers = [made]
        if made.status == 201:
            done, _ = call("editor-publish", "POST", f"/api/v1/articles/{body['id']}/publish/", {})
            answers.append(done)
            published.append(body["id"])
        if len(published) > 2:
            pk = random.choice(published[:-1])
            edit = {"dek": f"Updated at {time.strftime('%H:%M:%S')}."}
            answers.append(call("editor-edit", "PATCH", f"/api/v1/articles/{pk}/", edit)[0])
        return answers

    return step


def importer(site: Site, folder: Path) -> Callable[[int], list[Answer]]:
    """Import a WordPress export of five posts never seen before."""

    def step(n: int) -> list[Answer]:
        items = [wxr.Item(id=10_000 + n * 10 + i, title=f"Imported {n}.{i}: harbour news",
                          slug=f"soak-import-{n}-{i}", date="2026-01-05 10:00:00")
                 for i in range(5)]  # fmt: skip
        path = folder / f"export-{n}.xml"
        path.write_bytes(wxr.export(*wxr.standard_header(), *items))
        started = time.monotonic()
        run = subprocess.run([sys.executable, "-m", "masthead.cli", "import", "wordpress",
                              str(path)], env=site.env, capture_output=True, text=True)  # fmt: skip
        status: int | str = 200 if run.returncode == 0 else f"import exit {run.returncode}"
        return [Answer("import", started, time.monotonic(), status)]

    return step


class WireServer:
    """An RSS feed on 127.0.0.1 that gains a story every 30 s."""

    def __init__(self) -> None:
        self.born = time.time()
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = feed.rss().encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def rss(self) -> str:
        count = 1 + int((time.time() - self.born) // 30)
        items = "".join(
            f"<item><title>Wire {i}: storm closes the river road</title>"
            f"<link>http://127.0.0.1:{self.port}/story/{i}</link><guid>soak-wire-{i}</guid>"
            f"<pubDate>{formatdate(self.born + 30 * i, usegmt=True)}</pubDate>"
            f"<description>Story {i}. The river rose overnight; the road to the harbour is "
            f"closed and the council asks drivers to keep away until noon.</description></item>"
            for i in range(max(0, count - 20), count)
        )
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Soak wire</title>'
                f"<link>http://127.0.0.1:{self.port}/</link><description>Wire</description>"
                f"{items}</channel></rss>")  # fmt: skip


WIRE_SETUP = """
from masthead.articles.models import Category, Source
from masthead.ingest.models import WireFeed
source, _ = Source.objects.get_or_create(name="Soak Wire", defaults={"home_url": "http://127.0.0.1/"})
WireFeed.objects.create(name="Soak wire", url="URL", publisher=source, interval=1,
    category=Category.objects.filter(parent=None).order_by("pk").first(), mode="publish")
print(json.dumps(True))
"""

WIRE_CHECK = """
from masthead.ingest.models import WireFeed, WireFetch
feed = WireFeed.objects.get(name="Soak wire")
failed = feed.fetches.filter(outcome=WireFetch.Outcome.FAILED)
print(json.dumps({"polls": feed.fetches.count(), "failed_polls": failed.count(),
                  "last_error": feed.last_error, "stories": feed.items.count(),
                  "skipped": feed.items.filter(outcome="skipped").count()}))
"""


def slope(samples: list[tuple[float, float]]) -> float:
    """MB per minute, least squares over (seconds, MB) samples."""
    if len(samples) < 2:
        return 0.0
    n = len(samples)
    mean_t = sum(t for t, _ in samples) / n
    mean_m = sum(m for _, m in samples) / n
    num = sum((t - mean_t) * (m - mean_m) for t, m in samples)
    den = sum((t - mean_t) ** 2 for t, _ in samples)
    return round(num / den * 60, 3) if den else 0.0


def sample_memory(site: Site, seconds: float, began: float) -> dict[int, list[tuple[float, float]]]:
    """Each worker's RSS every 5 s for ``seconds``, by process id."""
    series: dict[int, list[tuple[float, float]]] = {}
    while time.monotonic() - began < seconds:
        for pid in site.workers():
            mb = rss_mb(pid)
            if mb is not None:
                series.setdefault(pid, []).append((time.monotonic() - began, mb))
        time.sleep(5)
    return series


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--server", choices=SERVERS, default="granian")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="masthead-soak-"))
    pg, redis = Postgres(work / "pg", free_port()), Redis(free_port())
    site = Site(work, pg, redis, args.server)
    wire = WireServer()
    watcher = None
    try:
        pg.create()
        redis.start()
        ready = site.prepare(args.articles)
        site.python(WIRE_SETUP.replace("URL", f"http://127.0.0.1:{wire.port}/feed.xml"))
        site.serve()
        print(f"Soaking for {args.seconds} s: PostgreSQL :{pg.port}, Redis :{redis.port}, "
              f"site :{site.port}", flush=True)  # fmt: skip
        watcher = subprocess.Popen([sys.executable, "-m", "masthead.cli", "ingest", "--watch"],
                                   env=site.env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)  # fmt: skip
        readers = Load(site.port, reading_mix(ready["paths"]), args.connections)
        activities = {"comments": Activity(20, comment(site.port, ready["paths"])),
                      "editor": Activity(10, editor(site.port, ready)),
                      "import": Activity(120, importer(site, work))}  # fmt: skip
        began = time.monotonic()
        readers.start()
        for activity in activities.values():
            activity.thread.start()
        memory = sample_memory(site, args.seconds, began)
        readers.stop()
        for activity in activities.values():
            activity.stopping.set()
            activity.thread.join(120)
        watcher.terminate()
        watcher_err = watcher.communicate(timeout=30)[1]
        results = summarize(readers, activities, memory, site.python(WIRE_CHECK), watcher_err)
        results.update(machine=machine(), server=args.server, seconds=args.seconds,
                       articles=args.articles,
                       connections=args.connections)  # fmt: skip
    finally:
        if watcher and watcher.poll() is None:
            watcher.kill()
        wire.server.shutdown()
        site.stop()
        redis.stop()
        pg.stop()
        subprocess.run(["rm", "-rf", str(work)], check=False)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


def report(results: dict[str, Any]) -> None:
    print(f"\nSoak of {results['seconds']} s on {results['machine']['date']}: "
          f"{results['errors']} errors")  # fmt: skip
    for name, t in results["traffic"].items():
        print(
            f"  {name:<9} {t['requests']:>7} requests, {t['failed']} failed {t['by_status'] or ''}"
        )
    print(f"  wire      {results['wire']}")
    for pid, w in results["workers"].items():
        print(
            f"  worker {pid}: {w['first_mb']} → {w['last_mb']} MB, "
            f"{w['slope_mb_per_min']:+.3f} MB/min after the first minute ({w['samples']} samples)"
        )


def summarize(readers: Load, activities: dict[str, Activity], memory: dict[int, Any],
              wire: dict[str, Any], watcher_err: str) -> dict[str, Any]:  # fmt: skip
    """Counts, errors and memory slopes of a finished soak."""
    traffic = {"readers": tally(readers.answers)}
    for name, activity in activities.items():
        traffic[name] = tally(activity.answers)
        traffic[name]["errors"] = [str(a.status) for a in activity.answers if not ok(a)][:10]
    errors = sum(t["failed"] for t in traffic.values()) + wire["failed_polls"] + wire["skipped"]
    workers = {
        str(pid): {"samples": len(s), "first_mb": round(s[0][1], 1), "last_mb": round(s[-1][1], 1),
                   "slope_mb_per_min": slope([p for p in s if p[0] >= WARM_UP])}
        for pid, s in memory.items()
    }  # fmt: skip
    series = {str(pid): [(round(t), round(m, 2)) for t, m in s] for pid, s in memory.items()}
    return {"errors": errors, "traffic": traffic, "wire": wire, "workers": workers,
            "ingest_stderr_tail": watcher_err[-1500:], "memory_series": series}  # fmt: skip


if __name__ == "__main__":
    main()
