"""Hostile content through the imports: a WordPress export and a wire feed.

How the corpus is split, for each of the two:

- WordPress: the corpus packed into post titles (300 characters), excerpts (600), tag
  and category names (80) and author display names (120), and cut into ``BODIES``
  post contents; comments carry it too: ``COMMENT_CHUNK`` payloads in each comment's
  text, names packed into 100 characters, and every payload alone as a commenter's
  address. The posts with bodies take the tags and the comments between them.
- wire: the corpus packed into item titles (300), cut into ``BODIES`` item contents,
  and every payload as an item's link (after ``https://wire.example/`` when it has no
  spaces, as it is otherwise), in an RSS feed served on localhost and polled.

Pages loaded in Chromium: the imported stories with bodies (with their comments and all
the tags), every page of the monthly archives at 50 stories a page (every headline,
standfirst, section and byline), the home page, a section's, a tag's and an author's
archive, and the back office's lists of stories, comments, tags, sections and authors.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from masthead.articles.models import Article, Author, Category, SiteSettings, Tag
from masthead.ingest.wire import poll
from tests.ingest import wxr
from tests.ingest.wire.conftest import QuickPolicy, make_feed
from tests.ingest.wire.feeds import Item, rss
from tests.xss.doors import chunks, packed, spread, xml_safe
from tests.xss.test_reader_doors import sign_in

BODIES = 12
COMMENT_CHUNK = 10


class RoomyPolicy(QuickPolicy):
    max_bytes = 5_000_000
    timeout = 10
    deadline = 30


def wordpress_export(corpus: list[Any]) -> bytes:
    tags = packed(corpus, 80)
    categories = packed(corpus, 80)
    authors = packed(corpus, 120)
    header = [wxr.author(f"w{n}", name, wp_id=n + 1) for n, name in enumerate(authors)]
    header += [wxr.category(f"c{n}", name, wp_id=n + 1) for n, name in enumerate(categories)]
    header += [wxr.tag(f"t{n}", name, wp_id=10_000 + n) for n, name in enumerate(tags)]
    comments = wordpress_comments(corpus)
    titles, excerpts = packed(corpus, 300), packed(corpus, 600)
    bodies = ["\n\n".join(p.text for p in part) for part in spread(corpus, BODIES)]
    per_post = -(-len(tags) // BODIES)  # the tags go to the posts with bodies, shown whole
    items = []
    for n, title in enumerate(titles):
        items.append(wxr.Item(
            n + 1, title=title, slug=f"p{n}", content=bodies[n] if n < len(bodies) else "",
            excerpt=excerpts[n % len(excerpts)], creator=f"w{n % len(authors)}",
            categories=[(f"c{n % len(categories)}", categories[n % len(categories)])],
            tags=[(f"t{k}", name) for k, name in enumerate(tags) if k // per_post == n],
            comments=comments[n::BODIES] if n < BODIES else [],
        ))  # fmt: skip
    return wxr.export(*header, *items)


def wordpress_comments(corpus: list[Any]) -> list[wxr.Comment]:
    bodies = ["\n\n".join(p.text for p in part) for part in chunks(corpus, COMMENT_CHUNK)]
    names = packed(corpus, 100)
    made = []
    for n, payload in enumerate(corpus):
        made.append(wxr.Comment(
            n + 1, content=bodies[n] if n < len(bodies) else f"Comment {n}.",
            author=names[n % len(names)], url=xml_text(payload.text),
        ))  # fmt: skip
    return made


def xml_text(text: str) -> str:
    """``text`` as XML character data (a commenter's address is not in CDATA)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture
def roomy(roles: None) -> None:
    """Fifty stories to an archive page."""
    SiteSettings.objects.get_or_create(pk=1)
    SiteSettings.objects.update(per_page=50)
    SiteSettings.forget()


def test_nothing_imported_from_wordpress_runs_a_script(
    corpus, roomy, tmp_path, trapped, tab, admin_user, live_server
):
    corpus = xml_safe(corpus)
    path = tmp_path / "hostile.xml"
    path.write_bytes(wordpress_export(corpus))
    call_command("import", "wordpress", str(path), stdout=StringIO(), stderr=StringIO())
    assert Article.objects.count() == len(packed(corpus, 300))
    assert Tag.objects.count() == len(packed(corpus, 80))
    problems = pages_checked(trapped, tab, admin_user, live_server)
    assert problems == [], "\n".join(problems[:60])


def test_nothing_taken_in_from_a_wire_feed_runs_a_script(
    corpus, roomy, feed_server, trapped, tab, admin_user, live_server
):
    corpus = xml_safe(corpus)
    titles = packed(corpus, 300)
    bodies = ["".join(f"<p>{p.text}</p>" for p in part) for part in spread(corpus, BODIES)]
    links = [f"https://wire.example/{text}" for text in packed(corpus, 400)]
    items = [
        Item(title=title, link=links[n % len(links)], guid=f"tag:wire.example,2026:{n}",
             content=bodies[n] if n < len(bodies) else "", description=title, author=title[:60])
        for n, title in enumerate(titles)
    ]  # fmt: skip
    feed = make_feed(feed_server.serve("/hostile.xml", rss(items)))
    policy = RoomyPolicy()
    reports = list(poll.poll_feeds(poll.claim([feed], policy=policy), policy=policy))
    tally = reports[0].tally
    # Stories too alike are grouped with an earlier one; either way each one was read.
    assert tally.created + tally.grouped == len(items), reports[0]
    assert tally.created > 0
    problems = pages_checked(trapped, tab, admin_user, live_server)
    assert problems == [], "\n".join(problems[:60])


def pages_checked(trapped: Any, tab: Any, user: Any, live_server: Any) -> list[str]:
    """The stories with bodies, every page of the monthly archives, the back office's lists.

    The archives show every story's headline, standfirst, section and byline.
    """
    problems: list[str] = []
    for story in Article.objects.published().exclude(body=""):
        problems += trapped.visit(tab, story.get_absolute_url())
    urls = ["/"]
    for month in Article.objects.published().dates("published_at", "month"):
        count = Article.objects.published().filter(
            published_at__year=month.year, published_at__month=month.month).count()  # fmt: skip
        archive = f"/{month:%Y}/{month:%m}/"
        urls += [archive] + [f"{archive}page/{n}/" for n in range(2, -(-count // 50) + 1)]
    for model in (Category, Tag, Author):
        first = model.objects.filter(articles__isnull=False).first()
        if first:
            urls.append(first.get_absolute_url())
    for url in urls:
        problems += trapped.visit(tab, url)
    sign_in(trapped, user, live_server)
    for name in ["article", "tag", "category", "author"]:
        problems += trapped.visit(tab, f"/admin/articles/{name}/")
    problems += trapped.visit(tab, "/admin/comments/comment/")
    return problems
