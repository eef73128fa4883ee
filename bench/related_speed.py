"""Time the related-posts engine: rebuilding every list, publishing, withdrawing, reading.

    python bench/related_speed.py [--articles 10000] [--publish 20] [--json]

On the generated site in ``bench/.data/site-N`` (made on first use, like
``bench/render.py``; ``generate`` computes no lists), runs ``masthead related rebuild
--restart`` and reports its time and the process's peak memory. Then ``--publish`` new
articles are written as drafts and published through ``services.save_article`` and
``services.publish_article``, each timed whole (the new article's terms and list, and
its entry into the lists it belongs in, happen inside): median and p95 milliseconds, and
how much of it the engine took. The same articles are then unpublished (each leaves
every list and short lists are refilled) and deleted, so a rerun finds the site as it
was. Last, 500 stored lists are read through the default backend: median milliseconds
and queries per read. The issue's bounds on SQLite: publishing under 50 ms at 10,000
articles and under 300 ms at 100,000; a rebuild of 100,000 in under 10 minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import about_run, ensure_site, setup_django


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="site size (default 10000)")
    parser.add_argument("--publish", type=int, default=20, help="articles published (default 20)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
    }


@contextmanager
def timing(module: Any, name: str, spent: list[float]) -> Iterator[None]:
    """Record in ``spent`` how long each call of ``module.name`` takes, while inside."""
    original: Callable[..., Any] = getattr(module, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.append((time.perf_counter() - started) * 1000)

    setattr(module, name, timed)
    try:
        yield
    finally:
        setattr(module, name, original)


def rebuild() -> dict[str, Any]:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("related", "rebuild", "--restart", "--json", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def new_drafts(count: int) -> list[Any]:
    """``count`` generated stories saved as drafts (no engine work yet)."""
    from masthead.articles import services
    from masthead.articles.models import Article, Author, Category, Tag
    from masthead.demo.prose import Story

    rng = random.Random(42)
    categories = list(Category.objects.values_list("pk", flat=True))
    tags = list(Tag.objects.all())
    author = Author.objects.order_by("pk").first()
    drafts = []
    for _ in range(count):
        story = Story(rng)
        article = Article(
            title=story.title(), dek=story.dek(), body=story.body(),
            category_id=rng.choice(categories), status=Article.Status.DRAFT,
        )  # fmt: skip
        services.save_article(
            article=article, authors=[author] if author else [], tags=rng.sample(tags, k=3)
        )
        drafts.append(article)
    return drafts


def publish_and_withdraw(count: int) -> dict[str, Any]:
    from masthead.articles import services
    from masthead.discovery.related import receivers, upkeep

    drafts = new_drafts(count)
    publish, engine_publish, withdraw, engine_withdraw = [], [], [], []
    with timing(upkeep, "refresh_article", engine_publish):
        for article in drafts:
            started = time.perf_counter()
            services.publish_article(article=article)
            publish.append((time.perf_counter() - started) * 1000)
    with timing(upkeep, "withdraw_article", engine_withdraw):
        for article in drafts:
            started = time.perf_counter()
            services.unpublish_article(article=article)
            withdraw.append((time.perf_counter() - started) * 1000)
    for article in drafts:
        article.delete()
    assert receivers  # the receivers call upkeep.<function> by name, so the timing sees them
    return {
        "publish": summary(publish),
        "publish_engine": summary(engine_publish),
        "unpublish": summary(withdraw),
        "unpublish_engine": summary(engine_withdraw),
    }


def reads(count: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from masthead.articles.models import Article
    from masthead.discovery.backends import get_backend

    backend = get_backend()
    sample = list(Article.objects.published().order_by("?")[:count])
    times, queries = [], []
    for article in sample:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            backend.related(article, 6)
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
    return {**summary(times), "queries_max": max(queries)}


def main() -> None:
    args = parse_args()
    setup_django(args.articles)

    generated = ensure_site(args.articles)
    result: dict[str, Any] = {
        **about_run(),
        "articles": args.articles,
        "generate_seconds": round(generated, 1),
        "rebuild": rebuild(),
        **publish_and_withdraw(args.publish),
        "read": reads(500),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    where = f"{result['machine']} · {result['database']}"
    print(f"{result['date']} · {where} · {args.articles:,} articles")
    if generated:
        print(f"generated the site in {generated:.1f} s")
    print(
        f"related rebuild: {result['rebuild']['seconds']} s, "
        f"peak RSS {result['rebuild']['peak_rss_mib']} MiB"
    )
    for name in ("publish", "unpublish"):
        row, engine = result[name], result[f"{name}_engine"]
        print(
            f"{name:>10}: median {row['median_ms']} ms, p95 {row['p95_ms']} ms, max "
            f"{row['max_ms']} ms (engine: median {engine['median_ms']} ms)"
        )
    read = result["read"]
    print(
        f"      read: median {read['median_ms']} ms, p95 {read['p95_ms']} ms, "
        f"{read['queries_max']} query per list at most"
    )


if __name__ == "__main__":
    main()
