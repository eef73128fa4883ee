"""Story threads planted in generated articles, so related posts can be scored.

``masthead generate --topics T`` makes ``T`` threads. A thread is a running story: its
own person and product, a company and a place (all invented from syllables, so there are
thousands of distinct ones), a handful of words from ``TERMS``, a usual topic, a
preferred section and two or three preferred tags. About 60 % of the generated articles
(``THREAD_SHARE``) belong to a thread, picked evenly; the rest are ordinary stories,
and some of those mention a thread's company, person or product in passing.

The noise is deliberate, so a benchmark cannot be won by one signal:

- companies and places are shared: a company often has several storylines, and many
  stories are set in the same places (``SHARED_COMPANY``, ``SHARED_PLACE``);
- a thread article still mostly uses the newsroom's generic sentences, and each of its
  company, product, place and topic is the thread's only most of the time (``ON_SUBJECT``);
  brief follow-ups (``BRIEF_SHARE``) touch the thread more lightly still;
- titles come from the generic templates and a few thread ones, so not every title
  names the thread's company;
- the article's section is the thread's usually (``ON_SECTION``), and it carries none to
  three of the thread's tags next to random ones; sections and tags are drawn from the
  site's few dozen, so every one of them is shared by many threads;
- thread words come from one pool, so threads share some of them, and a thread article
  also uses one word drawn from the whole pool.

Thread ``n`` of seed ``s`` has its own random stream, so it is the same thread whatever
``T`` is, and is labelled ``"s:n"``. ``masthead generate`` writes each thread article's
label to ``<data>/topics.json`` (``{"<article id>": "s:n"}``); ``bench/related_quality.py``
reads it::

    threads = make_threads(count=3, seed=1, categories=(1, 2), tags=(1, 2, 3, 4))
    story, thread = pick_story(random.Random(5), threads)
    print(thread.label if thread else "no thread", story.title())
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from masthead.demo.prose import FIRST_NAMES, SENTENCES, TITLES, VOCAB, Story, _words

THREAD_SHARE = 0.6  # of generated articles belong to a thread
MENTION_SHARE = 0.15  # of the others mention a thread in passing
ON_SUBJECT = 0.8  # chance each of a thread article's company, product, place, topic is the thread's
ON_SECTION = 0.7  # chance a thread article is filed in the thread's section
SHARED_COMPANY = 0.4  # chance a thread is about a company an earlier thread is also about
SHARED_PLACE = 0.5  # chance a thread is set where an earlier one is
BRIEF_SHARE = 0.3  # of thread articles are brief follow-ups that touch the thread lightly
TERMS_PER_THREAD = 6
TERMS_PER_ARTICLE = 4
OWN_TAGS = (0, 1, 1, 2, 2, 3)  # how many of the thread's tags an article carries

# --- invented names -------------------------------------------------------------------------

ONSETS = _words("b; br; c; d; dr; f; g; gr; h; j; k; kr; l; m; n; p; pr; r; s; st; t; tr; v; z")
VOWELS = _words("a; e; i; o; u; a; e; o; ai; ei; ou")
CODAS = ("", "", "n", "r", "l", "s", "x", "th", "m", "v")
COMPANY_ENDS = _words(
    "Systems; Labs; Dynamics; Networks; Robotics; Energy; Bio; Semiconductor; Cloud; Works; "
    "Technologies; Aerospace; Analytics; Devices; Mobility"
)
SURNAME_ENDS = ("", "", "ova", "sen", "ek", "ani", "er", "son", "elli", "sky")
PLACE_FORMS = ("{}", "{}", "Port {}", "{} Bay", "New {}", "{} Valley", "{}burg")
MODELS = ("", "", "", "2", "3", "X", "Pro", "One", "Max")
TERMS = _words(
    "lithography; firmware; subpoena; coolant; wafer yield; arbitration; recall notice; "
    "telemetry; tariff; bandwidth cap; encryption keys; liquid cooling; fab permits; "
    "water rights; zoning board; spectrum license; orbital slot; debris; launch window; "
    "solid-state electrolyte; cobalt; lithium brine; grid interconnect; transformer shortage; "
    "peak load; heat pumps; inverter; microgrid; ransomware; zero-day; bug bounty; "
    "phishing kit; botnet; data broker; consent banner; facial recognition; biometric data; "
    "age verification; class action; whistleblower; board seat; proxy fight; "
    "convertible notes; down round; secondary sale; union vote; overtime; return-to-office; "
    "gig workers; warehouse quotas; drone corridor; lidar; autonomy stack; charging network; "
    "fleet contract; battery swap; payload; ground station; thermal tiles; reactor design; "
    "uranium fuel; cleanroom; photonics; qubit; error correction; cryostat; gene editing; "
    "clinical trial; FDA filing; wearable sensor; glucose monitor; sleep tracking; "
    "haptics; microLED; foldable screen; hinge; modem; baseband; app review; sideloading; "
    "in-app purchases; creator fund; recommendation feed; ad auction; cookie deprecation; "
    "search ranking; crawler; training data; copyright suit; model weights; red teaming; "
    "inference cost; token pricing; context window; GPU rental; sovereign cloud; "
    "data residency; undersea cable; fiber rollout; tower lease; rural coverage; "
    "open-source license; maintainer; package registry; supply-chain attack; code signing; "
    "procurement; public tender; export license; customs audit; smuggling ring; "
    "price fixing; merger review; consent decree; antitrust probe; fine; appeal; "
    "carbon credits; offsets; heat waste; recycling plant; rare earths; magnet supply; "
    "shipping delays; port strike; chip packaging; substrate; stablecoin; payment rails; "
    "chargebacks; fraud ring; loyalty points; ticketing; esports league; cloud gaming; "
    "subscription churn; password sharing; live sports rights"
)

# --- templates: {lead} is the thread's person, {term} one of the article's thread words -----

THREAD_TITLES = _words(
    "{lead} on the future of {term}; What {term} means for {place}; "
    "The {term} question hanging over {place}; {co}'s {product} and the {term} problem; "
    "Inside the fight over {term}; {lead} bets on {term}"
)
THREAD_SENTENCES = _words(
    "The dispute turns on {term}, a point {lead} has raised repeatedly.; "
    "{lead} said the work on {term} would continue in {place}.; "
    "Much of the debate has centred on {term} and {term}.; "
    "Documents seen by reporters mention {term} more than a dozen times.; "
    "At the {place} site, engineers have been testing {term} for months.; "
    "{lead}, who has led the effort from the start, declined to discuss {term}.; "
    "The {product} depends on {term}, which remains hard to come by.; "
    "Questions about {term} first surfaced last spring, when {co} hired {lead}.; "
    "People close to the project say {term} is what sets the {product} apart.; "
    "Local officials in {place} have asked for more detail on {term}.; "
    "The latest filing adds new detail on {term} and {term}.; "
    "Critics point to {term} as the weak spot in {co}'s plan."
)
MENTIONS = _words(
    "{other} tried something similar last year, with mixed results.; "
    "{other_lead} of {other} has made much the same argument.; "
    "Some in the industry compare the plan to the {other_product}."
)
_TERM = re.compile(r"\{term\}")


def _coin(rng: random.Random, syllables: int) -> str:
    """Return an invented word of ``syllables`` syllables, capitalised."""
    parts = [rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)]
    return "".join(parts).capitalize()


# --- threads and their stories --------------------------------------------------------------


@dataclass(frozen=True)
class Thread:
    """One running story: who and what it is about, its words, where it is filed."""

    label: str
    company: str
    person: str
    place: str
    product: str
    topic: str
    terms: tuple[str, ...]
    section: int
    tags: tuple[int, ...]

    def subject(self) -> dict[str, str]:
        """The story slots a thread article takes from its thread."""
        return {"co": self.company, "product": self.product, "place": self.place,
                "topic": self.topic}  # fmt: skip

    def pick_section(self, rng: random.Random, sections: Sequence[int]) -> int:
        return self.section if rng.random() < ON_SECTION else rng.choice(sections)

    def pick_tags(self, rng: random.Random, tags: Sequence[int]) -> list[int]:
        """Two to five tags: some of the thread's, the rest from anywhere."""
        total = rng.randint(2, 5)
        own = rng.sample(self.tags, k=min(rng.choice(OWN_TAGS), len(self.tags), total))
        others = [tag for tag in tags if tag not in own]
        return own + rng.sample(others, k=min(len(others), total - len(own)))


def make_threads(
    *, count: int, seed: int, categories: Sequence[int], tags: Sequence[int]
) -> tuple[Thread, ...]:
    """Return threads ``0 … count - 1`` of ``seed``, filed among ``categories`` and ``tags``."""
    categories, tags = sorted(categories), sorted(tags)
    made: list[Thread] = []
    for n in range(count):
        made.append(_thread(seed, n, made, categories, tags))
    return tuple(made)


def _thread(
    seed: int, n: int, earlier: Sequence[Thread], categories: Sequence[int], tags: Sequence[int]
) -> Thread:
    """Return thread ``n``; it may share its company or place with one of the ``earlier``."""
    rng = random.Random(f"thread:{seed}:{n}")
    model = rng.choice(MODELS)
    brand = f"{_coin(rng, 2)} {model}" if model else _coin(rng, 2)
    thread = Thread(
        label=f"{seed}:{n}",
        company=f"{_coin(rng, 2)} {rng.choice(COMPANY_ENDS)}",
        person=f"{rng.choice(FIRST_NAMES)} {_coin(rng, 2)}{rng.choice(SURNAME_ENDS)}",
        place=rng.choice(PLACE_FORMS).format(_coin(rng, rng.choice((2, 2, 3)))),
        product=f"{brand} {rng.choice(VOCAB['product'])}",
        topic=rng.choice(VOCAB["topic"]),
        terms=tuple(rng.sample(TERMS, k=TERMS_PER_THREAD)),
        section=rng.choice(categories),
        tags=tuple(rng.sample(tags, k=min(len(tags), rng.choice((2, 3))))),
    )
    # Drawn whether or not there are earlier threads, so thread n is the same for any count.
    company, place = rng.random() < SHARED_COMPANY, rng.random() < SHARED_PLACE
    # Picked among distinct names, not threads, so no company gathers most of the threads.
    if earlier and company:
        thread = replace(thread, company=rng.choice(_distinct(t.company for t in earlier)))
    if earlier and place:
        thread = replace(thread, place=rng.choice(_distinct(t.place for t in earlier)))
    return thread


def _distinct(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))  # first-seen order, so the choice is reproducible


class ThreadStory(Story):
    """An article in a thread: mostly the thread's subject, some of its words and sentences."""

    titles = TITLES + THREAD_TITLES
    sentences = SENTENCES + THREAD_SENTENCES
    on_subject = ON_SUBJECT

    def __init__(self, rng: random.Random, thread: Thread) -> None:
        super().__init__(rng)
        for key, value in thread.subject().items():
            if rng.random() < self.on_subject:
                self.fixed[key] = value
        self.fixed["lead"] = thread.person
        self.terms = [*rng.sample(thread.terms, k=TERMS_PER_ARTICLE), rng.choice(TERMS)]

    def fill(self, template: str) -> str:
        """Fill ``template``, each ``{term}`` with one of this article's thread words."""
        return super().fill(_TERM.sub(lambda _: self.rng.choice(self.terms), template))


class BriefStory(ThreadStory):
    """A brief follow-up in a thread: less often its subject, only a few of its sentences."""

    sentences = SENTENCES + THREAD_SENTENCES[:3]
    on_subject = 0.5


class PassingStory(Story):
    """An article outside any thread that names a thread's company, person or product."""

    sentences = SENTENCES + MENTIONS

    def __init__(self, rng: random.Random, thread: Thread) -> None:
        super().__init__(rng)
        self.fixed |= {"other": thread.company, "other_lead": thread.person,
                       "other_product": thread.product}  # fmt: skip


def pick_story(rng: random.Random, threads: Sequence[Thread]) -> tuple[Story, Thread | None]:
    """Return the next article's story and its thread (``None`` for most of the rest)."""
    roll = rng.random()
    if roll < THREAD_SHARE:
        thread = rng.choice(threads)
        kind = BriefStory if rng.random() < BRIEF_SHARE else ThreadStory
        return kind(rng, thread), thread
    if roll < THREAD_SHARE + (1 - THREAD_SHARE) * MENTION_SHARE:
        return PassingStory(rng, rng.choice(threads)), None
    return Story(rng), None


# --- labels ---------------------------------------------------------------------------------


def save_labels(path: Path, labels: Mapping[int, str]) -> None:
    """Add ``labels`` (article id → thread label) to the JSON file at ``path``."""
    known = read_labels(path) if path.exists() else {}
    known.update(labels)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({str(pk): known[pk] for pk in sorted(known)}, indent=0) + "\n")


def read_labels(path: Path) -> dict[int, str]:
    """Return the article id → thread label map kept at ``path``."""
    return {int(pk): label for pk, label in json.loads(path.read_text()).items()}
