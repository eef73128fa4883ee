"""Generated articles in volume, for load tests and benchmarks (``masthead generate``).

The text is plausible tech-news prose assembled from word lists by a seeded
``random.Random`` (see ``masthead.demo.prose``); pictures come from a pool of drawn
illustrations shared by every article. A run is reproducible for a given ``seed`` on a
given database: the random stream also depends on where the run starts, so running
again adds *different* stories.

Speed is the point, so rows are written with ``bulk_create`` in batches, one
transaction per batch, instead of through ``services.save_article``. The derived fields
are still made by the service code (``render_article``, ``make_slug``), but no signals
are sent and no revisions are stored: callers drop cached pages once, at the end, with
``masthead.core.generation.bump`` (which empties the page store).

    for added in generate_articles(count=10_000, seed=1):
        print(added.articles, added.comments)

With ``topics=T``, story threads are planted (``masthead.demo.topics``) and each batch's
``Added.threads`` maps its thread articles' ids to their threads' labels.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, reset_queries, transaction
from django.db.models import Max
from django.utils import timezone

from masthead.articles import services
from masthead.articles.models import Article, ArticleAuthor, Author, Category, Image, Tag
from masthead.comments.models import Comment
from masthead.core import clock
from masthead.core.slugs import make_slug, unique_slug
from masthead.demo.drawing import MOTIFS, PALETTES, draw_avatar, draw_illustration
from masthead.demo.prose import (
    ALT_TEXT,
    ROLES,
    SECTIONS,
    TAGS,
    Story,
    bio,
    reader_email,
    reader_name,
    staff_names,
)
from masthead.demo.topics import Thread, make_threads, pick_story

BATCH_SIZE = 1000
MIN_AUTHORS, MIN_CATEGORIES, MIN_TAGS = 8, 6, 40
POOL_SIZE = 24
# Generated pictures are told apart from editors' uploads by this credit line.
POOL_CREDIT = "Illustration: Masthead generator"
SPREAD_DAYS = 730
DRAFT_SHARE = 0.03
IMAGE_SHARE = 0.92
SLUG_MAX = 100  # Article.slug's max_length

ArticleTag = Article.tags.through


@dataclass(frozen=True)
class Cast:
    """The ids of the rows generated articles point at."""

    authors: tuple[int, ...]
    categories: tuple[int, ...]
    tags: tuple[int, ...]
    images: tuple[int, ...]


@dataclass(frozen=True)
class Added:
    """How many articles and comments went in (by one batch, or by a whole run).

    ``threads`` maps the ids of articles planted in a story thread to its label.
    """

    articles: int
    comments: int
    threads: dict[int, str] = field(default_factory=dict)

    def __add__(self, other: Added) -> Added:
        return Added(
            self.articles + other.articles, self.comments + other.comments,
            self.threads | other.threads,
        )  # fmt: skip


@dataclass
class _Piece:
    """An unsaved article with the rows that hang off it."""

    article: Article
    authors: list[int]
    tags: list[int]
    comments: list[Comment] = field(default_factory=list)
    thread: str | None = None


# --- the supporting cast ------------------------------------------------------------------


def prepare_cast(*, seed: int = 1, on_image: Callable[[int, int], None] | None = None) -> Cast:
    """Top up authors, sections, tags and the picture pool to their minimums; return all ids.

    ``on_image(made, wanted)`` is called after each picture drawn for the pool.
    """
    rng = random.Random(f"cast:{seed}")
    with transaction.atomic():
        _top_up_authors(rng)
        _top_up_categories()
        _top_up_tags()
    return Cast(
        authors=tuple(Author.objects.values_list("pk", flat=True)),
        categories=tuple(Category.objects.values_list("pk", flat=True)),
        tags=tuple(Tag.objects.values_list("pk", flat=True)),
        images=_image_pool(on_image),
    )


def _top_up_authors(rng: random.Random) -> None:
    missing = MIN_AUTHORS - Author.objects.count()
    taken = set(Author.objects.values_list("slug", flat=True))
    for i, name in enumerate(staff_names(rng)):
        if missing <= 0:
            return
        slug = make_slug(name)
        if slug in taken:
            continue
        author = Author(name=name, slug=slug, role=ROLES[i % len(ROLES)], bio=bio(rng, name))
        png = draw_avatar(initials=author.initials, palette=PALETTES[i % len(PALETTES)])
        author.avatar.save(f"{slug}.png", ContentFile(png), save=False)
        author.save()
        taken.add(slug)
        missing -= 1


def _top_up_categories() -> None:
    missing = MIN_CATEGORIES - Category.objects.count()
    position = (Category.objects.aggregate(top=Max("position"))["top"] or 0) + 1
    taken = set(Category.objects.values_list("slug", flat=True))
    fresh = [name for name in SECTIONS if make_slug(name) not in taken][: max(missing, 0)]
    Category.objects.bulk_create(
        Category(name=name, slug=make_slug(name), position=position + i, description=blurb)
        for i, (name, blurb) in enumerate((n, SECTIONS[n]) for n in fresh)
    )


def _top_up_tags() -> None:
    missing = MIN_TAGS - Tag.objects.count()
    taken = set(Tag.objects.values_list("slug", flat=True))
    fresh = [name for name in TAGS if make_slug(name) not in taken][: max(missing, 0)]
    Tag.objects.bulk_create(Tag(name=name, slug=make_slug(name)) for name in fresh)


def _image_pool(on_image: Callable[[int, int], None] | None) -> tuple[int, ...]:
    """Return the generated pictures' ids, drawing the ones still missing."""
    pool = list(Image.objects.filter(credit=POOL_CREDIT).values_list("pk", flat=True))
    for i in range(len(pool), POOL_SIZE):
        motif, palette = (
            MOTIFS[i % len(MOTIFS)],
            PALETTES[(i * 3 + i // len(MOTIFS)) % len(PALETTES)],
        )
        jpeg = draw_illustration(motif=motif, palette=palette, seed=i + 1)
        image = services.save_image(
            file=ContentFile(jpeg), name=f"generated-{motif}-{i + 1}.jpg",
            alt_text=ALT_TEXT[motif], credit=POOL_CREDIT,
        )  # fmt: skip
        # The site is being built, not served: its pictures are finished before it opens.
        services.make_image_renditions(image=image)
        pool.append(image.pk)
        if on_image:
            on_image(len(pool), POOL_SIZE)
    return tuple(pool)


# --- articles -----------------------------------------------------------------------------


def generate_articles(
    *,
    count: int,
    seed: int = 1,
    batch_size: int = BATCH_SIZE,
    cast: Cast | None = None,
    older_than_days: int = 0,
    topics: int = 0,
) -> Generator[Added, None, None]:
    """Add ``count`` articles with bylines, tags and comments; yield after each commit.

    ``older_than_days`` keeps every generated story at least that old, so generated
    volume can sit behind hand-written recent stories (the demo uses it). ``topics``
    plants that many story threads; without it the stories are what they always were.

    Stopping the iteration between batches (``break``, Ctrl-C handled by the caller)
    keeps every batch already yielded; an exception inside a batch rolls that batch back.
    """
    cast = cast or prepare_cast(seed=seed)
    threads = make_threads(count=topics, seed=seed, categories=cast.categories, tags=cast.tags)
    serial = _next_serial()
    rng = random.Random(f"articles:{seed}:{serial}")
    now = clock.now() - timedelta(days=older_than_days)
    made = 0
    while made < count:
        size = min(batch_size, count - made)
        pieces = [_piece(rng, cast, now, serial + made + i, threads) for i in range(size)]
        yield _write(pieces)
        made += size
        # With DEBUG on, Django keeps every query's SQL; bulk inserts would pile up.
        reset_queries()


def _next_serial() -> int:
    """Return a number no earlier generated slug suffix used.

    A row whose suffix is ``n`` has a primary key of at least ``n`` (keys grow with
    insertion order and started above the run's first serial), so starting above the
    largest key never repeats a suffix still in the table.
    """
    return (Article.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _piece(
    rng: random.Random, cast: Cast, now: datetime, serial: int, threads: Sequence[Thread]
) -> _Piece:
    # Without threads, the random stream is drawn exactly as before threads existed.
    story, thread = pick_story(rng, threads) if threads else (Story(rng), None)
    article = Article(
        title=story.title(), dek=story.dek(), body=story.body(),
        category_id=(
            thread.pick_section(rng, cast.categories) if thread else rng.choice(cast.categories)
        ),
        featured_image_id=rng.choice(cast.images) if rng.random() < IMAGE_SHARE else None,
    )  # fmt: skip
    services.render_article(article)
    _schedule(article, rng, now)
    article.slug = _slug(article.title, serial)
    piece = _Piece(
        article,
        authors=rng.sample(cast.authors, k=min(len(cast.authors), rng.choice((1, 1, 1, 2)))),
        tags=(
            thread.pick_tags(rng, cast.tags) if thread
            else rng.sample(cast.tags, k=min(len(cast.tags), rng.randint(2, 5)))
        ),
        thread=thread.label if thread else None,
    )  # fmt: skip
    if article.status == Article.Status.PUBLISHED:
        piece.comments = _comments(rng, story, article, now)
    return piece


def _schedule(article: Article, rng: random.Random, now: datetime) -> None:
    """Make ``article`` a draft now and then, else published at a past minute."""
    if rng.random() < DRAFT_SHARE:
        article.status = Article.Status.DRAFT
        return
    # More stories are recent than old, as on a real site.
    age = timedelta(days=SPREAD_DAYS * rng.random() ** 1.5, minutes=1)
    article.status = Article.Status.PUBLISHED
    article.published_at = (now - age).replace(second=0, microsecond=0)
    article.pub_date = timezone.localdate(article.published_at)


def _slug(title: str, serial: int) -> str:
    """Return the title's slug with a short suffix no other generated article has."""
    suffix = _base36(serial)
    return f"{make_slug(title, max_length=SLUG_MAX - len(suffix) - 1)}-{suffix}"


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
        if not number:
            return digits


def _comments(rng: random.Random, story: Story, article: Article, now: datetime) -> list[Comment]:
    """Some approved comments, a third of them replies (up to three levels), a few held.

    They arrive in the hours after publication, each after the one before, never later
    than ``now``.
    """
    approved = rng.choices(range(9), weights=(3, 3, 3, 2, 2, 2, 1, 1, 1))[0]
    held = 1 if rng.random() < 0.1 else 0  # a few wait for a moderator
    comments: list[Comment] = []
    when = article.published_at or now
    for n in range(approved + held):
        parent = rng.choice(comments) if comments and rng.random() < 0.35 else None
        if n >= approved or (parent is not None and parent.depth >= 2):
            parent = None
        status = Comment.Status.APPROVED if n < approved else Comment.Status.PENDING
        comment = _comment(rng, story, article, status, parent)
        when = min(now, when + timedelta(minutes=rng.randint(4, 300)))
        comment.created_at = comment.status_changed_at = when
        comments.append(comment)
    return comments


def _comment(
    rng: random.Random, story: Story, article: Article, status: str, parent: Comment | None
) -> Comment:
    name = reader_name(rng)
    # ``parent`` is set on the object; its id is filled in once the parent is saved.
    return Comment(
        article=article, author_name=name, author_email=reader_email(name, rng),
        body=story.comment(), status=status, parent=parent,
        depth=parent.depth + 1 if parent else 0,
    )  # fmt: skip


# --- writing --------------------------------------------------------------------------------


def _write(pieces: list[_Piece]) -> Added:
    """Insert one batch of articles and their rows in one transaction."""
    with transaction.atomic():
        _insert_articles([p.article for p in pieces])
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=p.article, author_id=author, position=i)
            for p in pieces
            for i, author in enumerate(p.authors)
        )
        ArticleTag.objects.bulk_create(
            ArticleTag(article=p.article, tag_id=tag) for p in pieces for tag in p.tags
        )
        comments = [c for p in pieces for c in p.comments]
        # Level by level, so each reply's parent has its id before the reply goes in.
        for depth in sorted({c.depth for c in comments}):
            level = [c for c in comments if c.depth == depth]
            for reply in level:
                reply.parent_id = reply.parent.pk if reply.parent else None
            Comment.objects.bulk_create(level)
    threads = {p.article.pk: p.thread for p in pieces if p.thread}
    return Added(articles=len(pieces), comments=len(comments), threads=threads)


def _insert_articles(articles: list[Article]) -> None:
    """Bulk-insert ``articles``; should a slug clash with a hand-made one, rename and retry."""
    try:
        with transaction.atomic():  # a savepoint, so a clash leaves the batch usable
            Article.objects.bulk_create(articles)
    except IntegrityError:
        _avoid_clashes(articles)
        Article.objects.bulk_create(articles)


def _avoid_clashes(articles: list[Article]) -> None:
    """Give every article a slug free on its day, in the table and in this batch."""
    claimed: set[tuple[date, str]] = set()
    for article in articles:
        if article.pub_date is not None:
            article.slug = _free_slug(article.slug, article.pub_date, claimed)
            claimed.add((article.pub_date, article.slug))


def _free_slug(slug: str, day: date, claimed: set[tuple[date, str]]) -> str:
    siblings = Article.objects.filter(pub_date=day)
    return unique_slug(
        slug,
        taken=lambda s: (day, s) in claimed or siblings.filter(slug=s).exists(),
        max_length=SLUG_MAX,
    )
