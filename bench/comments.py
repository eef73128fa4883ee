"""Time article pages by the size of their comment thread, and the cost of posting.

    python bench/comments.py [--repeat 50] [--json]

On a 1,000-article site in ``bench/.data/site-1000`` (made on first use), three articles
get 0, 50 and 500 approved comments in threads five levels deep. Each page is rendered
``--repeat`` times through the full WSGI stack with the page cache off: median and p99
milliseconds and queries per page. Then 300 comments are submitted through
``services.submit_comment`` with the spam classifier untrained and trained on 400
decisions: comments stored per second.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import about_run, ensure_site, measure, request, setup_django

THREADS = (0, 50, 500)
WORDS = [
    "vote", "council", "budget", "chip", "model", "policy",
    "reader", "source", "memo", "court", "data", "plan",
]  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50, help="renders per page (default 50)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def body(rng: random.Random, n: int) -> str:
    return f"Comment {n}: " + " ".join(rng.choices(WORDS, k=rng.randint(8, 40)))


def add_thread(article: Any, count: int, rng: random.Random) -> None:
    """``count`` approved comments on ``article``: every fifth starts a five-level chain."""
    from masthead.comments.models import Comment

    Comment.objects.filter(article=article).delete()
    levels: list[list[Comment]] = [[] for _ in range(5)]
    for n in range(count):
        depth = n % 5
        parent = levels[depth - 1][-1] if depth else None
        levels[depth].append(
            Comment(
                article=article, parent=parent, depth=depth, status="approved",
                author_name=f"Reader {n}", author_email=f"r{n}@example.org", body=body(rng, n),
            )
        )  # fmt: skip
    for level in levels:
        for comment in level:
            comment.parent_id = comment.parent.pk if comment.parent else None
        Comment.objects.bulk_create(level)


def pages(app: Any, repeat: int) -> dict[str, Any]:
    from masthead.articles.models import Article

    rng = random.Random(3)
    stories = list(Article.objects.published().order_by("pk")[: len(THREADS)])
    figures = {}
    for story, count in zip(stories, THREADS, strict=True):
        add_thread(story, count, rng)
        path = story.get_absolute_url()
        request(app, path)
        figures[f"{count}_comments"] = measure(app, [path] * repeat)
    return figures


def teach(rng: random.Random, decisions: int) -> None:
    from django.contrib.auth import get_user_model

    from masthead.articles.models import Article
    from masthead.comments import classifier
    from masthead.comments.models import Comment

    editor, _ = get_user_model().objects.get_or_create(username="bench-editor")
    story = Article.objects.published().order_by("-pk").first()
    rows = [
        Comment(
            article=story, status="spam" if n % 2 else "approved", moderated_by=editor,
            author_name=f"Teacher {n}", author_email=f"t{n}@example.org",
            body=("Cheap pills casino bonus https://spam.example " if n % 2 else "")
            + body(rng, n),
        )
        for n in range(decisions)
    ]  # fmt: skip
    Comment.objects.bulk_create(rows)
    classifier.retrain()


def submits(count: int, run: int) -> float:
    """Comments stored per second through the service (each from its own address)."""
    from masthead.articles.models import Article
    from masthead.comments import services

    rng = random.Random(run)
    story = Article.objects.published().order_by("pk").last()
    started = time.perf_counter()
    for n in range(count):
        services.submit_comment(
            article=story, name=f"Poster {n}", email=f"p{n}-{rng.random()}@example.org",
            body=body(rng, n) + f" {rng.random()}", ip_address=f"10.{run}.{n // 250}.{n % 250}",
        )  # fmt: skip
    return round(count / (time.perf_counter() - started), 1)


def main() -> None:
    args = parse_args()
    setup_django(1000)
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    from masthead.comments.models import ClassifierToken, Comment

    ensure_site(1000)
    app = get_wsgi_application()
    settings.PAGE_CACHE_SECONDS = 0
    result: dict[str, Any] = {
        **about_run(),
        "pages": pages(app, args.repeat),
    }
    Comment.objects.filter(author_name__startswith="Poster").delete()
    ClassifierToken.objects.all().delete()
    result["submits_per_s_untrained"] = submits(300, 1)
    teach(random.Random(9), 400)
    result["submits_per_s_trained"] = submits(300, 2)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['machine']}, {result['database']}, {result['date']}")
    for name, figures in result["pages"].items():
        print(
            f"  article with {name.replace('_', ' ')}: median {figures['median_ms']} ms, "
            f"p99 {figures['p99_ms']} ms, {figures['queries_per_page_max']} queries, "
            f"{figures['page_kb']} KiB"
        )
    print(
        f"  submit_comment: {result['submits_per_s_untrained']}/s untrained, "
        f"{result['submits_per_s_trained']}/s with the classifier trained"
    )


if __name__ == "__main__":
    main()
