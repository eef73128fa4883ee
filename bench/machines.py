"""Time what machines read: the feeds, the sitemaps and robots.txt, page cache off.

    python bench/machines.py [--articles 10000] [--repeat 20] [--json]

On the site of ``--articles`` generated articles that ``bench/render.py`` uses
(``bench/.data/site-N``, made on first use), each URL is requested ``--repeat`` times
through Masthead's WSGI application (every middleware, the page cache off) after one
warm-up request, and its median time, queries and size are reported. The sitemap files
are fewer times: a full one lists 10,000 stories.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import about_run, ensure_site, measure, request, setup_django


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="site size (default 10000)")
    parser.add_argument("--repeat", type=int, default=20, help="requests per URL (default 20)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def urls() -> dict[str, str]:
    """One URL of each kind, on the busiest section, tag and author."""
    from django.db.models import Count

    from masthead.articles.models import Author, Category, Tag

    section = Category.objects.filter(parent__isnull=True).annotate(n=Count("articles"))
    tag = Tag.objects.annotate(n=Count("articles"))
    author = Author.objects.annotate(n=Count("articles"))
    busiest = {
        "section": section.order_by("-n").first(),
        "tag": tag.order_by("-n").first(),
        "author": author.order_by("-n").first(),
    }
    found = {"site RSS": "/feed/", "site Atom": "/feed/atom/", "site JSON Feed": "/feed.json"}
    for kind, subject in busiest.items():
        if subject is not None:
            found[f"{kind} RSS"] = f"{subject.get_absolute_url()}feed/"
    found |= {
        "sitemap index": "/sitemap.xml",
        "sitemap, stories (full page)": "/sitemap-articles.xml?p=1",
        "sitemap, tags": "/sitemap-tags.xml",
        "news sitemap": "/news-sitemap.xml",
        "robots.txt": "/robots.txt",
    }
    return found


def main() -> None:
    args = parse_args()
    setup_django(args.articles)
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    ensure_site(args.articles)
    app = get_wsgi_application()
    settings.PAGE_CACHE_SECONDS = 0
    rows: dict[str, Any] = {}
    for label, url in urls().items():
        request(app, url)  # templates, connections, settings cache
        times = max(3, args.repeat // 4) if url.startswith("/sitemap-") else args.repeat
        rows[label] = {"url": url, **measure(app, [url] * times)}
    result = {**about_run(), "articles": args.articles, "urls": rows}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['date']} · {result['machine']} · {result['database']} · {args.articles}")
    for label, row in rows.items():
        print(
            f"{label:>30}: median {row['median_ms']:>8} ms  p99 {row['p99_ms']:>8} ms  "
            f"queries {row['queries_per_page_max']:>3}  {row['page_kb']:>8} KB"
        )


if __name__ == "__main__":
    main()
