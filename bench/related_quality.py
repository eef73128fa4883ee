"""Score related-post backends on a corpus with planted story threads: precision@5.

    python bench/related_quality.py [--articles 5000] [--topics 100] [--sample 500]
                                    [--backends default,rule,semantic] [--json]

Generates (or reuses) a site in ``bench/.data/quality-N-T`` (``-sS`` added for a seed
other than 1) with ``masthead generate --articles N --topics T --seed S``, whose
``topics.json`` says which article belongs to which thread. Then, for a seeded sample
of published thread articles, asks each backend alias of ``MASTHEAD_RELATED`` for 5
related articles and reports:

- precision@5: the share of the 5 that belong to the article's own thread (a missing
  slot counts as a miss);
- MRR@5: the mean of 1 / rank of the first same-thread article (0 when there is none);
- hit@5: the share of articles with at least one same-thread article among the 5;
- the median and p95 milliseconds of one ``related()`` call.

``chance`` is what picking published articles at random would score. The alias
``rule`` is the shared-tags rule of #2, and ``semantic`` the optional semantic mode
(``SemanticLists``, needs ``pip install "masthead[semantic]"``); each is added for this
run if settings lack it. The stored-lists backends share one table, so before each of
them is measured its lists are rebuilt (``masthead related rebuild --restart``, with
that backend as the default for the moment), and the time of each stage is reported:
for the semantic mode, ``embed`` is the model's work, and it is skipped for articles
whose text it has embedded before (``--re-embed`` drops the stored embeddings first).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import sys
import time
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
K = 5
RULE = {"BACKEND": "masthead.discovery.backends.SharedTagsRule"}
SEMANTIC = {"BACKEND": "masthead.discovery.related.semantic.SemanticLists"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5_000, help="site size (default 5000)")
    parser.add_argument("--topics", type=int, default=100, help="story threads (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--sample", type=int, default=500, help="articles scored (default 500)")
    parser.add_argument(
        "--backends", default="default,rule", help="comma-separated MASTHEAD_RELATED aliases"
    )
    parser.add_argument(
        "--re-embed", action="store_true", help="embed every article again (semantic mode)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


# --- the metrics (pure, tested in tests/test_bench.py) ----------------------------------------


def precision_at_k(label: str, found: Sequence[str | None], k: int = K) -> float:
    """Share of the first ``k`` related articles in thread ``label``; missing ones are misses."""
    return sum(1 for other in found[:k] if other == label) / k


def reciprocal_rank(label: str, found: Sequence[str | None], k: int = K) -> float:
    """1 / the rank of the first related article in thread ``label``, or 0 if none is."""
    for rank, other in enumerate(found[:k], start=1):
        if other == label:
            return 1 / rank
    return 0.0


def scores(rows: Sequence[tuple[str, Sequence[str | None]]], k: int = K) -> dict[str, float]:
    """Mean precision@k, MRR@k and hit rate over ``(label, labels of what was found)`` rows."""
    precisions = [precision_at_k(label, found, k) for label, found in rows]
    ranks = [reciprocal_rank(label, found, k) for label, found in rows]
    return {
        f"precision_at_{k}": round(statistics.mean(precisions), 3),
        f"mrr_at_{k}": round(statistics.mean(ranks), 3),
        f"hit_at_{k}": round(statistics.mean(1.0 if r else 0.0 for r in ranks), 3),
    }


def chance(labels: Mapping[int, str], sample: Sequence[int], published: int) -> float:
    """Expected precision of picking ``K`` other published articles at random."""
    sizes = Counter(labels.values())
    return round(statistics.mean((sizes[labels[pk]] - 1) / (published - 1) for pk in sample), 3)


# --- the site -------------------------------------------------------------------------------


def setup_django(folder: Path) -> None:
    # WhiteNoise warns that collectstatic has not run; nothing here serves static files.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    os.environ["MASTHEAD_DATA"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.config.settings")
    os.environ["LOG_LEVEL"] = "ERROR"
    import django

    django.setup()


def ensure_site(folder: Path, args: argparse.Namespace) -> float:
    """Migrate and generate the labelled site unless it is there; return seconds generating."""
    from django.core.management import call_command

    from masthead.articles.models import Article

    call_command("migrate", interactive=False, verbosity=0)
    have = Article.objects.count()
    if have >= args.articles:
        return 0.0
    started = time.perf_counter()
    call_command(
        "generate", articles=args.articles - have, topics=args.topics, seed=args.seed,
        verbosity=0,
    )  # fmt: skip
    return time.perf_counter() - started


def stores_lists(alias: str) -> bool:
    """Whether backend ``alias`` reads lists stored by ``related rebuild``."""
    from masthead.discovery.backends import get_backend
    from masthead.discovery.related.backend import BaseStoredLists

    return isinstance(get_backend(alias), BaseStoredLists)


def rebuild_lists(alias: str, *, re_embed: bool = False) -> dict[str, Any]:
    """Rebuild every list with backend ``alias`` as the default; seconds per stage."""
    from django.conf import settings

    from masthead.discovery.models import ArticleEmbedding
    from masthead.discovery.related.backend import configured_lists

    if re_embed:
        ArticleEmbedding.objects.all().delete()
    configured = settings.MASTHEAD_RELATED
    settings.MASTHEAD_RELATED = {**configured, "default": configured[alias]}
    try:
        lists = configured_lists()
        assert lists is not None
        job = lists.rebuild(restart=True)
        stages: dict[str, float] = {}
        started = last = time.perf_counter()
        for step in job.steps():
            now = time.perf_counter()
            stages[step.stage] = round(stages.get(step.stage, 0.0) + now - last, 1)
            last = now
    finally:
        settings.MASTHEAD_RELATED = configured
    return {"seconds": round(time.perf_counter() - started, 1), "stages": stages, **job.done}


# --- measuring ------------------------------------------------------------------------------


def measure(alias: str, sample: Sequence[Any], labels: Mapping[int, str]) -> dict[str, Any]:
    """Ask backend ``alias`` for ``K`` related articles to each of ``sample``; score and time."""
    from masthead.discovery.backends import get_backend

    backend = get_backend(alias)
    backend.related(sample[0], K)  # load code and connections once
    rows, times = [], []
    for article in sample:
        started = time.perf_counter()
        found = backend.related(article, K)
        times.append((time.perf_counter() - started) * 1000)
        rows.append((labels[article.pk], [labels.get(other.pk) for other in found]))
    ordered = sorted(times)
    return {
        **scores(rows),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
    }


def main() -> None:
    args = parse_args()
    seeded = f"-s{args.seed}" if args.seed != 1 else ""
    folder = HERE / ".data" / f"quality-{args.articles}-{args.topics}{seeded}"
    if folder.exists() and not (folder / "topics.json").exists():
        shutil.rmtree(folder)  # an unlabelled or interrupted site: start again
    setup_django(folder)
    from django.conf import settings

    from masthead.articles.models import Article
    from masthead.demo.topics import read_labels

    generated = ensure_site(folder, args)
    settings.MASTHEAD_RELATED.setdefault("rule", RULE)
    settings.MASTHEAD_RELATED.setdefault("semantic", SEMANTIC)
    labels = read_labels(folder / "topics.json")
    published = list(Article.objects.published().order_by("pk").values_list("pk", flat=True))
    labelled = [pk for pk in published if pk in labels]
    visible = {pk: labels[pk] for pk in labelled}
    chosen = random.Random(f"sample:{args.seed}").sample(labelled, min(args.sample, len(labelled)))
    sample = [Article.objects.select_related("category").get(pk=pk) for pk in chosen]
    aliases = [alias.strip() for alias in args.backends.split(",") if alias.strip()]
    measured: dict[str, Any] = {}
    rebuilds: dict[str, Any] = {}
    for alias in aliases:
        if stores_lists(alias):  # the lists in the table must be this backend's
            rebuilds[alias] = rebuild_lists(alias, re_embed=args.re_embed)
        measured[alias] = {
            "backend": settings.MASTHEAD_RELATED[alias]["BACKEND"],
            **measure(alias, sample, labels),
        }
    sys.path.insert(0, str(HERE))
    from render import about_run  # the benchmarks' shared helpers (a script, not a package)

    result: dict[str, Any] = {
        **about_run(),
        "articles": args.articles, "topics": args.topics, "seed": args.seed,
        "published": len(published), "thread_articles": len(labelled), "sample": len(sample),
        "generate_seconds": round(generated, 1), "rebuilds": rebuilds,
        "chance_precision_at_5": chance(visible, chosen, len(published)),
        "backends": measured,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }  # fmt: skip
    if args.json:
        print(json.dumps(result, indent=2))
        return
    report(result)


def report(result: Mapping[str, Any]) -> None:
    print(f"{result['date']} · {result['machine']} · {result['database']}")
    print(
        f"{result['articles']:,} articles, {result['topics']} threads (seed {result['seed']}): "
        f"{result['thread_articles']:,} published thread articles, {result['sample']} scored"
    )
    if result["generate_seconds"]:
        print(f"generated the site in {result['generate_seconds']} s")
    for alias, rebuilt in result["rebuilds"].items():
        stages = ", ".join(f"{stage} {seconds} s" for stage, seconds in rebuilt["stages"].items())
        embedded = f", {rebuilt['embed']:,} articles embedded" if "embed" in rebuilt else ""
        print(f"related rebuild for {alias}: {rebuilt['seconds']} s ({stages}){embedded}")
    print(f"{'backend':>12}  precision@5  MRR@5  hit@5  median ms  p95 ms  class")
    for alias, row in result["backends"].items():
        print(
            f"{alias:>12}  {row['precision_at_5']:>11.3f}  {row['mrr_at_5']:>5.3f}  "
            f"{row['hit_at_5']:>5.3f}  {row['median_ms']:>9}  {row['p95_ms']:>6}  "
            f"{row['backend'].rsplit('.', 1)[-1]}"
        )
    print(f"{'chance':>12}  {result['chance_precision_at_5']:>11.3f}")
    print(f"peak memory of this process: {result['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
