"""Time ``masthead import wordpress`` (default and ``--bulk``) on fresh SQLite and PostgreSQL sites.

    python bench/import_speed.py [--file EXPORT.xml | --posts 2000] [--modes default,bulk]
                                 [--engines sqlite,postgresql] [--checkouts DIR,DIR] [--json]

Without ``--file`` an export is written to ``bench/.data/`` in the shape of the team's
anchor corpus (``--posts`` posts of ``--words`` words, five comments each, one reply in
five, 12 categories, 300 tags, 40 authors; the same seed gives the same file). Each
run migrates a fresh site (a new data folder; for PostgreSQL also a new database beside
``MASTHEAD_BENCH_DATABASE_URL`` or ``DATABASE_URL``, dropped afterwards) and imports the
file in a child process. Printed per run: wall seconds, the child's CPU seconds, posts
and comments a second, its peak resident memory (``wait4``'s ``ru_maxrss`` of that child
alone), and the load average before and after, since the machine may be shared; then
the rows of the tables an import fills, so that two runs can be seen to agree.

``--checkouts`` runs each import with the code of each of several checkouts in turn
(``--checkouts ../main,.`` for before and after), interleaved, so that a busy machine
weighs on both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WORDS = [
    "the", "of", "and", "to", "in", "council", "said", "water", "year", "city", "school",
    "new", "people", "market", "river", "report", "plan", "court", "health", "energy",
    "local", "police", "road", "price", "vote", "museum", "train", "farm", "storm", "budget",
]  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="a WXR export to import (else one is made)")
    parser.add_argument("--posts", type=int, default=2000, help="posts in the made export")
    parser.add_argument("--words", type=int, default=600, help="words per post (600)")
    parser.add_argument("--modes", default="default,bulk", help="default,bulk")
    parser.add_argument("--engines", default="sqlite", help="sqlite,postgresql")
    parser.add_argument(
        "--checkouts", default=str(HERE.parent),
        help="checkouts whose code runs the imports, in turn (default: this one)",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def write_export(path: Path, *, posts: int, words: int, seed: int = 42) -> None:
    """A WXR 1.2 export like the anchor corpus's, streamed to ``path``."""
    rnd = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                  'xmlns:dc="http://purl.org/dc/elements/1.1/" '
                  'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Bench</title>'
                  "<link>http://bench.example</link><wp:wxr_version>1.2</wp:wxr_version>"
                  "<wp:base_site_url>http://bench.example</wp:base_site_url>\n")  # fmt: skip
        for n in range(1, 41):
            out.write(f"<wp:author><wp:author_login>author-{n}</wp:author_login>"
                      f"<wp:author_display_name>Author {n}</wp:author_display_name>"
                      "</wp:author>\n")  # fmt: skip
        for n in range(1, 13):
            out.write(f"<wp:category><wp:category_nicename>section-{n}</wp:category_nicename>"
                      f"<wp:cat_name>Section {n}</wp:cat_name></wp:category>\n")  # fmt: skip
        for n in range(1, 301):
            out.write(f"<wp:tag><wp:tag_slug>tag-{n}</wp:tag_slug>"
                      f"<wp:tag_name>Tag {n}</wp:tag_name></wp:tag>\n")  # fmt: skip
        for n in range(1, posts + 1):
            out.write(_item(rnd, n, words))
        out.write("</channel></rss>\n")


def _item(rnd: random.Random, n: int, words: int) -> str:
    def text(count: int) -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(count))

    body = "\n\n".join(text(words // 6) for _ in range(6))
    day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}:00"
    tags = "".join(f'<category domain="post_tag" nicename="tag-{rnd.randint(1, 300)}">'
                   f"<![CDATA[t]]></category>" for _ in range(3))  # fmt: skip
    comments = "".join(
        f"<wp:comment><wp:comment_id>{n * 10 + c}</wp:comment_id><wp:comment_author>Reader "
        f"{c}</wp:comment_author><wp:comment_author_email>r{c}@example.org"
        f"</wp:comment_author_email><wp:comment_date_gmt>{day}</wp:comment_date_gmt>"
        f"<wp:comment_content><![CDATA[{text(40)}]]></wp:comment_content><wp:comment_approved>"
        f"1</wp:comment_approved><wp:comment_parent>{n * 10 if c == 4 else 0}"
        "</wp:comment_parent></wp:comment>"
        for c in range(5)
    )
    return (f"<item><title>{text(8)} {n}</title><link>http://bench.example/?p={n}</link>"
            f"<dc:creator>author-{1 + n % 40}</dc:creator><content:encoded><![CDATA[{body}]]>"
            f"</content:encoded><wp:post_id>{n}</wp:post_id><wp:post_date_gmt>{day}"
            f"</wp:post_date_gmt><wp:post_name>post-{n}</wp:post_name><wp:status>publish"
            f"</wp:status><wp:post_type>post</wp:post_type><wp:comment_status>open"
            f'</wp:comment_status><category domain="category" nicename="section-{1 + n % 12}">'
            f"<![CDATA[Section]]></category>{tags}{comments}</item>\n")  # fmt: skip


def site(work: Path, engine: str) -> dict[str, str]:
    """The environment of a fresh site: its own data folder, and database for PostgreSQL."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    env["MASTHEAD_DATA"] = str(work / uuid.uuid4().hex[:8])
    if engine == "postgresql":
        url = os.environ.get("MASTHEAD_BENCH_DATABASE_URL") or os.environ["DATABASE_URL"]
        base, name = url.rsplit("/", 1)
        name = f"{name}_import_{uuid.uuid4().hex[:6]}"
        subprocess.run(["createdb", "--maintenance-db", f"{base}/postgres", name], check=True)
        env["DATABASE_URL"] = f"{base}/{name}"
    return env


def drop(env: dict[str, str]) -> None:
    shutil.rmtree(env["MASTHEAD_DATA"], ignore_errors=True)
    if "DATABASE_URL" in env:
        base, name = env["DATABASE_URL"].rsplit("/", 1)
        subprocess.run(["dropdb", "--maintenance-db", f"{base}/postgres", name], check=False)


COUNTED = (
    "articles.Article", "articles.Revision", "articles.Tag", "articles.ArticleAuthor",
    "comments.Comment", "ingest.ImportedItem", "ingest.LegacyURL", "discovery.SearchEntry",
    "discovery.IndexedArticle", "discovery.RelatedLink",
)  # fmt: skip
COUNT = (
    "import json; from django.apps import apps; print(json.dumps({label.split('.')[1]: "
    f"apps.get_model(label).objects.count() for label in {COUNTED!r}}}))"
)


def import_once(path: Path, mode: str, engine: str, work: Path, checkout: Path) -> dict[str, Any]:
    env = site(work, engine)
    env["PYTHONPATH"] = str(checkout / "src")
    command = [sys.executable, "-m", "masthead.cli"]
    try:
        subprocess.run([*command, "migrate", "-v0"], env=env, check=True)
        load = os.getloadavg()[0]
        args = [*command, "import", "wordpress", str(path), "--json", "--quiet-problems"]
        args += ["--bulk"] if mode == "bulk" else []
        started = time.monotonic()
        child = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        output = child.stdout.read() if child.stdout else b""
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.monotonic() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            raise SystemExit(f"import failed ({engine}, {mode}): exit {child.returncode}")
        counts = json.loads(output)["counts"]
        posts, comments = counts["post"]["created"], counts["comment"]["created"]
        rows = subprocess.run([*command, "shell", "-c", COUNT], env=env, check=True,
                              capture_output=True, text=True).stdout  # fmt: skip
        return {
            "checkout": checkout.name, "engine": engine, "mode": mode,
            "posts": posts, "comments": comments, "rows": json.loads(rows.splitlines()[-1]),
            "seconds": round(seconds, 1), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
            "posts_per_s": round(posts / seconds, 1),
            "rows_per_s": round((posts + comments) / seconds),
            "peak_rss_mib": round(usage.ru_maxrss / 1024),
            "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2),
        }  # fmt: skip
    finally:
        drop(env)


def main() -> None:
    args = parse_args()
    work = HERE / ".data" / "import-speed"
    path = args.file or HERE / ".data" / f"import-{args.posts}x{args.words}.xml"
    if args.file is None and not path.exists():
        write_export(path, posts=args.posts, words=args.words)
    results = [
        import_once(path, mode, engine, work, Path(checkout).resolve())
        for engine in args.engines.split(",")
        for mode in args.modes.split(",")
        for checkout in args.checkouts.split(",")
    ]
    shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps({"file": str(path), "bytes": path.stat().st_size, "runs": results}))
        return
    print(f"{path} ({path.stat().st_size / 2**20:,.0f} MiB)")
    print("| checkout | engine | mode | posts | comments | wall s | CPU s | posts/s | rows/s "
          "| peak RSS MiB | load before/after |")  # fmt: skip
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in results:
        print(f"| {r['checkout']} | {r['engine']} | {r['mode']} | {r['posts']:,} | "
              f"{r['comments']:,} | "
              f"{r['seconds']:,} | {r['cpu_s']:,} | {r['posts_per_s']} | {r['rows_per_s']:,} | "
              f"{r['peak_rss_mib']} | {r['load_before']} / {r['load_after']} |")  # fmt: skip
    print("\nRows written (each run):")
    for r in results:
        print(
            f"- {r['checkout']} {r['engine']} {r['mode']}: "
            + ", ".join(f"{table} {n:,}" for table, n in r["rows"].items())
        )


if __name__ == "__main__":
    main()
