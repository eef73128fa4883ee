"""Are the public pages the same bytes? Render a fixed sample and write or compare it.

    python bench/same_pages.py --articles 2000 --write before.txt
    PYTHONPATH=src python bench/same_pages.py --articles 2000 --compare before.txt

For a change meant to make pages faster, not different: run it once on the code before
(another checkout's ``src`` first on ``PYTHONPATH``) with ``--write``, once on the change
with ``--compare``. It renders, through Masthead's WSGI application with the page cache
off, the home page, ``--stories`` story pages, the first three sections, tags and
authors, a search, the feeds and the sitemap of ``bench/render.py``'s site
(``bench/.data/site-N``), with the CSRF token (new for every request) masked. It prints
the pages that differ, with the first differing line, and exits 1 if any do.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

import render
import render_profile

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2_000, help="site size (default 2000)")
    parser.add_argument("--stories", type=int, default=60, help="story pages (default 60)")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the pages to this file (JSON)")
    group.add_argument("--compare", type=Path, help="compare with pages written before")
    return parser.parse_args()


def sample(stories: int) -> list[str]:
    from masthead.articles.models import Author, Category, Tag

    paths = ["/", *render_profile.paths_for("article", stories, stories)]
    for model in (Category, Tag, Author):
        paths += [item.get_absolute_url() for item in model.objects.order_by("pk")[:3]]
    return [*paths, "/search/?q=energy", "/feed/", "/feed/atom/", "/sitemap.xml"]


def pages(stories: int) -> dict[str, str]:
    from django.test.utils import override_settings

    from masthead.config.wsgi import application

    found = {}
    with override_settings(PAGE_CACHE_SECONDS=0):
        for path in sample(stories):
            status, body = render.request(application, path)
            found[path] = f"{status}\n{CSRF.sub('CSRF', body.decode())}"
    return found


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """A line for each page missing from either side or not the same bytes."""
    lines = []
    for path in sorted(before.keys() | after.keys()):
        old, new = before.get(path), after.get(path)
        if old is None or new is None:
            lines.append(f"{path}: only {'after' if old is None else 'before'}")
        elif old != new:
            diff = difflib.unified_diff(old.splitlines(), new.splitlines(), n=0, lineterm="")
            changed = [line for line in diff if line[:1] in "+-" and line[:3] not in "+++---"]
            lines.append(f"{path}: {changed[0][:160] if changed else 'line endings'}")
    return lines


def main() -> None:
    args = parse_args()
    render.setup_django(args.articles)
    render.ensure_site(args.articles)
    found = pages(args.stories)
    if args.write:
        args.write.write_text(json.dumps(found))
        print(f"{len(found)} pages written to {args.write}")
        return
    lines = differences(json.loads(args.compare.read_text()), found)
    print("\n".join(lines) or f"{len(found)} pages, all the same bytes")
    sys.exit(1 if lines else 0)


if __name__ == "__main__":
    main()
