"""The words of generated articles: word lists, templates and the ``Story`` that fills them.

Everything here makes text and nothing touches the database, so it can be tried in a
shell. The same ``random.Random`` state always gives the same words::

    story = Story(random.Random(5))
    print(story.title(), story.dek(), story.body(), sep="\n\n")

Templates are ``str.format`` strings. A story fixes its company, product, topic and place
once (``{co}``, ``{product}``, ``{topic}``, ``{place}``); every other slot (``{rival}``,
``{person}``, ``{money}``, any ``VOCAB`` key) is picked afresh each time it appears.
``masthead.demo.generate`` puts the results into rows.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable

# --- word lists ----------------------------------------------------------------------------


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

# --- templates -----------------------------------------------------------------------------

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


# --- stories and people --------------------------------------------------------------------


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

    # The templates a story draws from; ``masthead.demo.topics`` adds its own.
    titles: tuple[str, ...] = TITLES
    sentences: tuple[str, ...] = SENTENCES

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fixed = {key: rng.choice(VOCAB[key]) for key in ("co", "product", "topic", "place")}
        self._deck: list[str] = []

    def fill(self, template: str) -> str:
        """Return ``template`` with its ``{slots}`` filled and its first letter capitalised."""
        text = template.format_map(_Slots(self.fixed, self.rng))
        return text[:1].upper() + text[1:]

    def title(self) -> str:
        return self.fill(self.rng.choice(self.titles))

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
            self._deck = list(self.sentences)
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


def reader_email(name: str, rng: random.Random) -> str:
    """Return a made-up ``@example.com`` address for ``name``, in plain ASCII."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return f"{re.sub(r'[^a-z]+', '.', ascii_name).strip('.')}{rng.randint(1, 99)}@example.com"
