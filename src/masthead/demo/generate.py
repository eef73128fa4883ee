"""Generated articles in volume, for load tests and benchmarks (``masthead generate``).

The text is plausible tech-news prose assembled from word lists by a seeded
``random.Random``; pictures come from a pool of drawn illustrations shared by every
article. A run is reproducible for a given ``seed`` on a given database: the random
stream also depends on where the run starts, so running again adds *different* stories.

Speed is the point, so rows are written with ``bulk_create`` in batches, one
transaction per batch, instead of through ``services.save_article``. The derived fields
are still made by the service code (``render_article``, ``make_slug``), but no signals
are sent and no revisions are stored: callers drop cached pages once, at the end, with
``masthead.caching.pagecache.bump_generation``.

    for added in generate_articles(count=10_000, seed=1):
        print(added.articles, added.comments)
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Generator
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
    """How many articles and comments went in (by one batch, or by a whole run)."""

    articles: int
    comments: int

    def __add__(self, other: Added) -> Added:
        return Added(self.articles + other.articles, self.comments + other.comments)


@dataclass
class _Piece:
    """An unsaved article with the rows that hang off it."""

    article: Article
    authors: list[int]
    tags: list[int]
    comments: list[Comment] = field(default_factory=list)


# --- words -------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    """Split a ``;``-separated word list (kept as prose so the lists stay compact)."""
    return tuple(word.strip() for word in text.split(";") if word.strip())


FIRST_NAMES = _words(
    "Amara; Ben; Chen; Daniela; Elif; Farid; Grace; Hiro; Inès; Jonas; Kavya; Liam; Mei; "
    "Nadia; Omar; Priya; Quinn; Rosa; Sami; Tomás; Uma; Viktor; Wen; Yara; Zoe"
)
LAST_NAMES = _words(
    "Okafor; Lindqvist; Tanaka; Moreau; Haddad; Kowalski; Novak; Sato; Mensah; Alvarez; "
    "Brennan; Choi; Dubois; Eriksen; Fischer; Gupta; Ivanova; Jensen; Khan; Larsen; Martins; "
    "Nguyen; O'Neill; Petrov; Rossi"
)
ROLES = _words(
    "Senior reporter; Chips correspondent; AI editor; Policy reporter; Startups reporter; "
    "Science writer; Data journalist; Europe correspondent; Security reporter; Energy writer"
)
SECTIONS = {
    "Cloud": "Data centers, hyperscalers and the software that runs on them.",
    "Security": "Breaches, defenders and the people who attack systems for a living.",
    "Science": "Research in physics, biology and computing, and what it is good for.",
    "Gadgets": "Phones, laptops, wearables and everything else we carry around.",
    "Energy": "Batteries, grids and the electricity computing runs on.",
    "Space": "Launches, satellites and the business of orbit.",
    "Mobile": "Apps, networks and the companies that sell them.",
    "Work": "How technology changes jobs, offices and the people in them.",
}
TAGS = _words(
    "AI agents; open source; chips; export controls; data centers; batteries; satellites; "
    "privacy; antitrust; cloud pricing; robotics; quantum computing; cybersecurity; startups; "
    "venture capital; IPOs; smartphones; app stores; semiconductors; memory; GPUs; "
    "large language models; AI safety; regulation; EU; China; India; energy; climate tech; "
    "electric vehicles; 5G; broadband; developer tools; programming languages; open weights; "
    "benchmarks; supply chains; layoffs; earnings; mergers; health tech; biotech; fintech; "
    "payments; crypto; gaming; streaming; social media; content moderation; search; "
    "advertising; wearables; AR and VR; drones; space launch; fusion; nuclear power; "
    "solar; semiconductor fabs; edge computing"
)
ALT_TEXT = {
    "chip": "Illustration of a processor chip with circuit traces",
    "network": "Illustration of connected network nodes around a central hub",
    "city": "Illustration of a city skyline with lit windows",
    "chart": "Illustration of a dashboard card with a bar chart and a trend line",
    "robot": "Illustration of a friendly robot with glowing eyes",
    "satellite": "Illustration of a satellite with solar panels orbiting a planet",
    "lab": "Illustration of laboratory glassware: a flask and test tubes",
    "phone": "Illustration of a smartphone with app tiles and chat bubbles",
    "globe": "Illustration of a globe with dotted continents and location pins",
    "server": "Illustration of server racks with status lights",
    "battery": "Illustration of a charging battery with a lightning bolt",
    "document": "Illustration of a stack of documents under a magnifying glass",
}
VOCAB = {
    "co": _words(
        "Northwind Systems; Kestrel Labs; Helio Semiconductor; Arcwell; Quanta Grid; "
        "Lumen Cloud; Brightwater AI; Tessellate; Corvid Robotics; Polaris Compute; "
        "Fernhill Networks; Ardent Bio; Cobalt Mobile; Stratus Energy; Meridian Data; "
        "Orchard Devices; Vantage Silicon; Halcyon Space; Redwood Security; Aperture Health"
    ),
    "product": _words(
        "inference chip; open-weight model; coding assistant; data-center campus; battery cell; "
        "satellite constellation; flagship phone; privacy dashboard; cloud region; "
        "robotics platform; search engine; packaging plant; voice assistant; fraud-detection "
        "system; quantum processor; server line; edge device; translation model; payments app; "
        "memory module"
    ),
    "topic": _words(
        "AI agents; chip export rules; data-center power; open-source models; memory prices; "
        "battery supply chains; satellite broadband; app-store fees; online privacy; "
        "cloud pricing; warehouse robots; AI safety testing; chip subsidies; developer tools; "
        "grid storage; digital identity; model licensing; ad tracking; content moderation; "
        "spectrum auctions"
    ),
    "place": _words(
        "Brussels; Washington; Tokyo; Seoul; Taipei; London; Berlin; Singapore; Bangalore; "
        "São Paulo; Toronto; Nairobi; Sydney; Paris; Austin; Lagos; Stockholm; Jakarta"
    ),
    "role": _words(
        "chief executive; head of research; chief financial officer; general counsel; "
        "vice president of engineering; chief technology officer; head of policy; co-founder"
    ),
    "firm": _words(
        "Brightline Research; Tidewater Analytics; Granite Street Partners; Northgate Insights; "
        "Parallax Advisory; Keystone Economics"
    ),
    "when": _words(
        "next quarter; by the end of the year; within 18 months; early next year; this summer; "
        "over the next two years; before the holidays; by 2030"
    ),
    "day": _words("Monday; Tuesday; Wednesday; Thursday; Friday"),
    "action": _words(
        "expand production of; cut prices on; delay; open-source; double output of; "
        "pause sales of; rebuild; license; test; start shipping"
    ),
    "move": _words("rise; fall; double; shrink by half; grow; flatten out"),
    "trend": _words(
        "demand for AI computing keeps outstripping supply; interest rates stay high; "
        "regulators look harder at the largest platforms; electricity prices climb; "
        "investors grow impatient with unprofitable startups; customers push back on prices; "
        "governments race to build chip factories at home"
    ),
    "customers": _words(
        "hospitals; banks; small businesses; game studios; carmakers; universities; "
        "city governments; retailers; logistics firms; insurers"
    ),
    "audience": _words(
        "developers; investors; consumers; regulators; small businesses; startups; "
        "IT departments; parents; students"
    ),
    "claim": _words(
        "would cut costs for most customers; was faster than anything else on the market; "
        "had been tested for more than a year; would not be sold in every market; "
        "used far less power than the previous generation; was built largely in-house; "
        "would be free for personal use"
    ),
    "critique": _words(
        "does little to address the underlying problem; arrives too late; will mostly "
        "benefit the largest customers; raises new privacy questions; is hard to evaluate "
        "without independent tests"
    ),
    "quote": _words(
        "We are still early; The demand is real, but so is the cost; Nobody wants to be "
        "the last one to move; This is a ten-year bet, not a quarter; Customers asked for "
        "this, and we listened; The hard part is not the technology, it is the supply chain; "
        "We would rather be right than first"
    ),
    "verdict": _words("impressive, if narrow; a real step forward; hard to verify; worth watching"),
    "adj": _words("crowded; expensive; urgent; fragile; unavoidable; contested; quiet"),
    "goal": _words(
        "cut AI costs; win over developers; take on the cloud giants; fix the power problem; "
        "bring chip making home; rebuild trust; make batteries cheaper; reach rural users"
    ),
    "event": _words("ruling; deal; launch; outage; merger; price cut; recall; settlement"),
    "heading": _words(
        "What changes; Why now; The competition; The money; What customers say; "
        "What comes next; The fine print; Questions that remain; How it works; "
        "The view from {place}"
    ),
}
NUMBERS: dict[str, Callable[[random.Random], str]] = {
    "pct": lambda rng: str(rng.randint(3, 60)),
    "small": lambda rng: str(rng.randint(2, 9)),
    "num": lambda rng: str(rng.randint(20, 900)),
    "money": lambda rng: rng.choice(
        (f"${rng.randint(5, 950)} million", f"${rng.randint(11, 95) / 10:.1f} billion")
    ),
}
TITLES = _words(
    "{co} unveils {product} to {goal}; {co} raises {money} to {goal}; "
    "Why the fight over {topic} is suddenly {adj}; Regulators in {place} take aim at {topic}; "
    "Inside the {money} bet {co} is making on {topic}; The {adj} race to {goal}; "
    "{co} cuts prices on its {product} as rivals close in; "
    "What the {co} {event} means for {audience}; {co} delays its {product} amid worries over "
    "{topic}; {co} and {rival} team up on {topic}; {topic}: {adj} times for {audience}; "
    "{co} says its new {product} can {goal}; How {customers} in {place} are using {topic}; "
    "{co} bets {money} on {topic}"
)
DEKS = _words(
    "The {product} is the company's biggest launch in years, and it arrives as {trend}.; "
    "{co} says customers will see it {when}. Analysts are less sure.; "
    "What changes for {audience}, and what stays the same.; "
    "The deal puts {co} in direct competition with {rival}.; "
    "Executives say the plan will pay off {when}. Not everyone is convinced.; "
    "A closer look at {topic}, and who stands to gain."
)
LEADS = _words(
    "{co} said on {day} that it would {action} its {product} {when}.; "
    "{co} is preparing to {action} its {product} {when}, according to people familiar with "
    "the plans.; {co} on {day} laid out a plan to {goal}, starting with its {product}.; "
    "Regulators in {place} said on {day} they would look into {topic}, putting {co} in an "
    "awkward spot."
)
SENTENCES = _words(
    "The announcement caught several of {co}'s partners by surprise.; "
    "{co} has spent the past year trying to convince {audience} that {topic} matters.; "
    "A spokesperson for {co} said the company would share more details {when}.; "
    "The {product} will be available first in {place}, with other markets to follow.; "
    "Not everyone inside the company agreed with the decision, two employees said.; "
    "The numbers are hard to check independently.; "
    "Competition has been fierce, and margins have been thin.; "
    "The company did not say how much the {product} would cost.; "
    "{person}, the company's {role}, said the {product} {claim}.; "
    "Analysts at {firm} estimate that spending on {topic} could {move} {when}.; "
    "The move comes as {trend}.; {rival}, its closest competitor, declined to comment.; "
    "{co} would not say how many {customers} had signed up.; "
    "Early customers include several {customers} in {place}.; "
    "The company has raised more than {money} since it was founded {small} years ago.; "
    "Its shares rose {small} percent in early trading.; "
    "Its shares fell {small} percent after the announcement.; "
    "Regulators in {place} have been looking closely at {topic} for months.; "
    "Critics say the {product} {critique}.; "
    "That is roughly {small} times what the company spent a year earlier.; "
    "{co} first showed the {product} at a developer event in {place} last year.; "
    "People familiar with the plans said {co} had held talks with {rival} about {topic}.; "
    "Demand for {topic} has grown faster than almost anyone predicted.; "
    "The company expects the business to break even {when}, according to a filing.; "
    "Engineers at {co} spent nearly {small} years on the design.; "
    "Several {customers} said they were waiting to see the pricing before committing.; "
    "For {audience}, the practical effect is likely to be modest at first.; "
    "The bigger question is whether {co} can keep up with {rival}.; "
    "{person}, who leads research at {rival}, called the results “{verdict}.”; "
    "About {pct} percent of {customers} surveyed by {firm} said they planned to spend more "
    "on {topic} {when}.; The {product} runs on hardware built in {place}.; "
    "“{quote},” {person} said in an interview.; "
    "“{quote},” said {person}, an analyst at {firm}.; "
    "{co} employs about {num} people, most of them in {place}."
)
COMMENTS = _words(
    "Great piece, thanks for explaining the numbers.; "
    "I'd love a follow-up on what this means for {customers}.; "
    "We tried something similar at work. Mixed results so far.; "
    "Not convinced the pricing will hold {when}.; This matches what we're seeing in {place}.; "
    "Good reporting. The part about {topic} was new to me.; "
    "How does this compare with what {rival} announced last month?; "
    "The headline undersells it, honestly.; Would be good to hear from {customers} directly.; "
    "Another year, another promise. Let's see if it ships.; Clear and fair. Thank you.; "
    "I work in this field and this is mostly right.; "
    "Where does the {pct} percent figure come from?"
)


class _Slots(dict[str, str]):
    """Template slots: the story's fixed subject, anything else picked when asked for."""

    def __init__(self, fixed: dict[str, str], rng: random.Random) -> None:
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        if key in NUMBERS:
            return NUMBERS[key](self.rng)
        if key == "person":
            return reader_name(self.rng, full=True)
        if key == "rival":
            return self.rng.choice([c for c in VOCAB["co"] if c != self["co"]])
        return self.rng.choice(VOCAB[key])


class Story:
    """The words of one article, about one company, product, topic and place."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fixed = {key: rng.choice(VOCAB[key]) for key in ("co", "product", "topic", "place")}
        self._deck: list[str] = []

    def fill(self, template: str) -> str:
        """Return ``template`` with its ``{slots}`` filled and its first letter capitalised."""
        text = template.format_map(_Slots(self.fixed, self.rng))
        return text[:1].upper() + text[1:]

    def title(self) -> str:
        return self.fill(self.rng.choice(TITLES))

    def dek(self) -> str:
        return self.fill(self.rng.choice(DEKS))

    def body(self) -> str:
        """Return 300-700 words of Markdown: paragraphs, a subheading or two, maybe a quote."""
        # The last paragraph overshoots the target by up to ~80 words.
        target = self.rng.randint(300, 620)
        blocks = [self._paragraph(lead=True)]
        words = len(blocks[0].split())
        headings = {2, 5} if self.rng.random() < 0.5 else {3}
        while words < target:
            if len(blocks) in headings:
                blocks.append("## " + self.fill(self.rng.choice(VOCAB["heading"])))
            block = self._quote() if self.rng.random() < 0.06 else self._paragraph()
            blocks.append(block)
            words += len(block.split())
        return "\n\n".join(blocks)

    def _paragraph(self, *, lead: bool = False) -> str:
        sentences = [self.fill(self.rng.choice(LEADS))] if lead else []
        wanted = self.rng.randint(2, 5)
        while len(sentences) < wanted:
            sentences.append(self.fill(self._next_sentence()))
        return " ".join(sentences)

    def _next_sentence(self) -> str:
        """Deal sentences from a shuffled deck, so a story does not repeat itself soon."""
        if not self._deck:
            self._deck = list(SENTENCES)
            self.rng.shuffle(self._deck)
        return self._deck.pop()

    def _quote(self) -> str:
        return self.fill("> “{quote},” {person} said.")

    def comment(self) -> str:
        picks = self.rng.sample(COMMENTS, k=self.rng.randint(1, 3))
        return " ".join(self.fill(text) for text in picks)


def reader_name(rng: random.Random, *, full: bool = False) -> str:
    """Return a person's name; readers sometimes sign with an initial only."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return f"{first} {last}" if full or rng.random() < 0.7 else f"{first} {last[0]}."


def staff_names(rng: random.Random) -> list[str]:
    """Return every first-and-last-name pair, in a seeded order."""
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    return names


def bio(rng: random.Random, name: str) -> str:
    """Return a one-line biography naming two beats."""
    topics = rng.sample(VOCAB["topic"], k=2)
    return f"{name.split()[0]} covers {topics[0]} and {topics[1]}."


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
) -> Generator[Added, None, None]:
    """Add ``count`` articles with bylines, tags and comments; yield after each commit.

    ``older_than_days`` keeps every generated story at least that old, so generated
    volume can sit behind hand-written recent stories (the demo uses it).

    Stopping the iteration between batches (``break``, Ctrl-C handled by the caller)
    keeps every batch already yielded; an exception inside a batch rolls that batch back.
    """
    cast = cast or prepare_cast(seed=seed)
    serial = _next_serial()
    rng = random.Random(f"articles:{seed}:{serial}")
    now = clock.now() - timedelta(days=older_than_days)
    made = 0
    while made < count:
        size = min(batch_size, count - made)
        pieces = [_piece(rng, cast, now, serial + made + i) for i in range(size)]
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


def _piece(rng: random.Random, cast: Cast, now: datetime, serial: int) -> _Piece:
    story = Story(rng)
    article = Article(
        title=story.title(), dek=story.dek(), body=story.body(),
        category_id=rng.choice(cast.categories),
        featured_image_id=rng.choice(cast.images) if rng.random() < IMAGE_SHARE else None,
    )  # fmt: skip
    services.render_article(article)
    _schedule(article, rng, now)
    article.slug = _slug(article.title, serial)
    piece = _Piece(
        article,
        authors=rng.sample(cast.authors, k=min(len(cast.authors), rng.choice((1, 1, 1, 2)))),
        tags=rng.sample(cast.tags, k=min(len(cast.tags), rng.randint(2, 5))),
    )
    if article.status == Article.Status.PUBLISHED:
        piece.comments = _comments(rng, story, article)
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


def _comments(rng: random.Random, story: Story, article: Article) -> list[Comment]:
    approved = rng.choices(range(9), weights=(3, 3, 3, 2, 2, 2, 1, 1, 1))[0]
    pending = 1 if rng.random() < 0.1 else 0  # a few wait for a moderator
    statuses = [Comment.Status.APPROVED] * approved + [Comment.Status.PENDING] * pending
    return [_comment(rng, story, article, status) for status in statuses]


def _comment(rng: random.Random, story: Story, article: Article, status: str) -> Comment:
    name = reader_name(rng)
    return Comment(
        article=article, author_name=name, author_email=_email(name, rng),
        body=story.comment(), status=status,
    )  # fmt: skip


def _email(name: str, rng: random.Random) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return f"{re.sub(r'[^a-z]+', '.', ascii_name).strip('.')}{rng.randint(1, 99)}@example.com"


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
        Comment.objects.bulk_create(comments)
    return Added(articles=len(pieces), comments=len(comments))


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
