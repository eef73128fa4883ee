"""How much of the page cache a change empties, and what tagging pages costs.

    python bench/purge_precision.py [--articles 2000] [--pages 300] [--json]

On a generated site (``bench/.data/site-N``, as bench/render.py makes it), requests a
sample of public pages (the front page, ``--pages`` article pages, every section, tag
and author archive's first page, the feeds) and records each page's tags. For each
kind of change it then works out, with the same code the purge receivers use
(``masthead.caching.changes``), which share of those pages would be purged; before exact
purges every change emptied the whole cache (100 %).

The cost of tagging: the article pages are rendered again with the tagging receiver
connected and disconnected, alternately in one process (A/B), and the medians compared.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from render import about_run, ensure_site, setup_django  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2_000, help="site size (default 2000)")
    parser.add_argument("--pages", type=int, default=300, help="article pages (default 300)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def sample_urls(pages: int) -> list[str]:
    from masthead.articles.models import Article, Author, Category, Tag

    stories = list(Article.objects.published().order_by("?")[:pages])
    urls = ["/", "/feed/", "/sitemap.xml"] + [a.get_absolute_url() for a in stories]
    for model in (Category, Tag, Author):
        urls += [o.get_absolute_url() for o in model.objects.all()[:200]]
    return urls


def page_tags(urls: list[str]) -> dict[str, frozenset[str]]:
    from django.test import Client

    from masthead.caching import tags

    client, found = Client(), {}
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            found[url] = tags.collected(response.wsgi_request)
    return found


def changes_to_try(rng: random.Random) -> dict[str, list[set[str]]]:
    """For each kind of change, the tag sets a few such changes purge."""
    from masthead.articles.models import Article, Author, Category
    from masthead.caching import changes

    visible = list(Article.objects.published().values_list("pk", flat=True))
    picked = rng.sample(visible, min(50, len(visible)))
    filings = [changes.filing_in_database(pk) for pk in picked]
    withdrawn = [changes.article_deleted(f) for f in filings if f is not None]
    edited = [changes.article_saved(f, f) for f in filings if f is not None]
    commented = [{f"c:{pk}", "comments"} for pk in picked]
    sections = [changes.section_changed(c) for c in Category.objects.all()]
    authors = [changes.author_changed(a) for a in Author.objects.all()[:20]]
    return {
        "a story edited in place": edited,
        "a story withdrawn (as a publication, the other way)": withdrawn,
        "a comment approved": commented,
        "a section renamed": sections,
        "an author renamed": authors,
    }


def share_purged(pages: dict[str, frozenset[str]], stale_sets: list[set[str]]) -> float:
    """The mean share of ``pages`` that one of the changes purges."""
    shares = [sum(1 for t in pages.values() if t & stale) / len(pages) for stale in stale_sets]
    return statistics.mean(shares) if shares else 0.0


def tagging_cost(urls: list[str], rounds: int = 3) -> dict[str, float]:
    """Median milliseconds per article page with and without tagging, interleaved."""
    from django.test import Client

    from masthead.articles import signals
    from masthead.caching import receivers

    client = Client()
    times: dict[str, list[float]] = {"tagged": [], "untagged": []}
    for _ in range(rounds):
        for url in urls:
            for mode in ("tagged", "untagged"):
                if mode == "untagged":
                    signals.page_shows.disconnect(dispatch_uid=receivers.UID + "tag_page")
                started = time.perf_counter()
                client.get(url)
                times[mode].append((time.perf_counter() - started) * 1000)
                if mode == "untagged":
                    signals.page_shows.connect(
                        receivers.tag_page, dispatch_uid=receivers.UID + "tag_page"
                    )
    return {mode: round(statistics.median(ms), 2) for mode, ms in times.items()}


def main() -> None:
    args = parse_args()
    setup_django(args.articles)
    from django.conf import settings

    settings.PAGE_CACHE_SECONDS = 0  # every request renders; tags are still collected
    ensure_site(args.articles)
    rng = random.Random(15)
    urls = sample_urls(args.pages)
    pages = page_tags(urls)
    shares = {kind: share_purged(pages, sets) for kind, sets in changes_to_try(rng).items()}
    articles = [u for u in urls if u.count("/") == 5][:100]
    report: dict[str, Any] = {
        **about_run(),
        "pages": len(pages),
        "mean tags per page": round(statistics.mean(len(t) for t in pages.values()), 1),
        "share of the sample purged": {k: f"{v:.1%}" for k, v in shares.items()},
        "article page ms (median)": tagging_cost(articles),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for key, value in report.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
