"""Invented reader comments, ham and spam, for teaching and testing the spam classifier.

``training()`` and ``held_out()`` come from different sentence frames, different people
and only partly shared vocabulary, so scoring well on the held-out set means the
classifier learned what spam looks like, not the training sentences. A seeded random
makes both the same on every run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

BROWSERS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
]
SCRIPTS = ["", "", "python-requests/2.31.0", "curl/8.5.0"]

TOPICS = [
    "the chip export rules", "the new fab outside the city", "the council's housing budget",
    "the AI safety bill", "the library closures", "the grid upgrade", "the tram extension",
    "the open-weights model release", "the memory price rise", "the school bus changes",
    "the regulator's consultation", "the data centre planning application",
]  # fmt: skip
SOURCES = [
    "https://www.parliament.example/papers/2026/committee-report",
    "https://council.example/minutes/march",
    "https://regulator.example/consultations/ai-models.pdf",
]


@dataclass(frozen=True)
class Sample:
    """One made-up comment: its fields and whether it is spam."""

    spam: bool
    fields: dict[str, str]


@dataclass(frozen=True)
class Style:
    """How one half of the corpus writes: frames to fill, and who fills them."""

    frames: list[str]
    names: list[str]
    emails: list[str]
    sites: list[str]
    agents: list[str]
    words: dict[str, list[str]]


HAM_TRAINING = Style(
    frames=[
        "I think the piece is fair about {topic}, but it skips how {group} will pay for it.",
        "Small correction: the vote on {topic} was on {day}, not the week before. "
        "Otherwise a careful report.",
        "Does anyone know whether {topic} needs approval from the ministry? "
        "The article doesn't say.",
        "I disagree with the analyst you quote. {Topic} was delayed twice already and "
        "nothing in this plan changes that.",
        "Thanks for following up on {topic}. My neighbours and I went to the meeting "
        "and it matched what you wrote.",
        "The numbers in the third paragraph look off to me. Is that per year or over the "
        "whole term of {topic}?",
        "As someone who works in {field}, I'd add that {topic} depends on suppliers most "
        "readers have never heard of.",
        "Good explainer. It would help to link the original document on {topic} so we can "
        "read it ourselves: {source}",
        "Why does nobody ask what {group} actually want from {topic}? Three articles now "
        "and not one interview with them.",
        "Fair point in the last section, although I remember {topic} being sold very "
        "differently in {day}'s briefing.",
    ],
    names=["Maria Okafor", "Tom Becker", "Priya Natarajan", "Jonas", "Eleni K.", "Sam Whitfield"],
    emails=["postbox.example", "mailhub.example", "kestrel.example", "uni-north.example"],
    sites=["", "", "", "https://tomwrites.example/", "https://okafor.blog.example/"],
    agents=BROWSERS,
    words={
        "topic": TOPICS,
        "group": ["renters", "small firms", "the farmers", "commuters", "pensioners"],
        "day": ["Tuesday", "Thursday", "Monday"],
        "field": ["logistics", "semiconductor testing", "local government", "teaching"],
        "source": SOURCES,
    },
)

HAM_HELD_OUT = Style(
    frames=[
        "Interesting read. I'm not convinced {topic} will survive the next election though.",
        "You quote the minister but not the union. Their statement on {topic} came out "
        "yesterday and says the opposite.",
        "My son's school is affected by {topic}; nobody told the parents until this article.",
        "Could you clarify what 'phase two' means here? I read it twice and still wasn't "
        "sure how it relates to {topic}.",
        "Respectfully, the headline overstates it. {Topic} is a proposal, not a decision.",
        "Last time something like this happened the costs doubled and the deadline slipped. "
        "I hope your reporters keep an eye on {topic}.",
        "The chart is useful but the colours are hard to tell apart on my phone.",
        "THIS IS A DISGRACE. The council promised {topic} years ago and still nothing!",
        "Here is the committee report for anyone curious: {source} (pages 12 to 15 cover {topic}).",
    ],
    names=["Hannah Ito", "Grace Mbeki", "Luis Ferreira", "Dmitri", "Aoife Byrne"],
    emails=["postbox.example", "northmail.example", "quill.example"],
    sites=["", "", "https://byrne.example/notes"],
    agents=[*BROWSERS, ""],
    words={"topic": TOPICS, "source": SOURCES},
)

SPAM_TRAINING = Style(
    frames=[
        "Buy cheap {drug} online without prescription!!! Fast delivery, discreet packaging {link}",
        "Great post! Very informative. Visit my site for more {seo} tips {link}",
        "WIN BIG at {casino}: 200% welcome bonus and free spins today only {link}",
        "I made $4,500 this week trading {coin} with this simple bot. Guaranteed returns, "
        "join now {link} {link2}",
        "Nice article thanks for sharing. We offer {seo} for your business, best price {link}",
        "Hello admin, your blog is amazing. Check {link} for {drug} at the lowest prices",
        "Самые лучшие бонусы казино {casino}! Best casino bonus online {link}",
        "Kaufen Sie {drug} günstig ohne Rezept, cheap pills online {link}",
        "{coin} doubling event!!! Send any amount and receive twice back, limited time {link}",
        "Thanks for the information. I also wrote about {seo}, see {link} and {link2}",
    ],
    names=["Cheap Pills", "best casino online", "Jessica", "SEO Expert", "crypto king"],
    emails=["bulkmail.example", "freemail.example", "promo-mailer.example"],
    sites=["https://cheap-meds.example/", "https://seo-boost.example/", ""],
    agents=SCRIPTS,
    words={
        "drug": ["viagra", "cialis", "tramadol"],
        "casino": ["Royal Spin Casino", "Lucky Jackpot Casino"],
        "coin": ["bitcoin", "ethereum", "dogecoin"],
        "seo": ["backlinks", "SEO ranking", "guest posting"],
        "domain": [
            "cheap-meds.example",
            "royal-spin.example",
            "crypto-profit.example",
            "seo-boost.example",
        ],
    },
)

SPAM_HELD_OUT = Style(
    frames=[
        "Thank you for this wonderful article, I bookmarked it. Also see {link} for {seo}.",
        "EARN FROM HOME!!! {coin} airdrop ends tonight, claim your free tokens {link}",
        "{drug} 100mg best price, no prescription needed, worldwide shipping {link}",
        "Play {casino} slots online and get free bonus spins, withdraw instantly {link}",
        "Very nice blog post, I will share with friends. My website {link} has cheap {seo}",
        "Promo code for {casino}: bonus 500%, free spins, jackpot {link} {link2} {link3}",
        "Gana dinero con {coin} ahora, invest crypto, guaranteed profit {link}",
        "Really useful article, thanks for writing it. I shared it with my colleagues.",
        "Buy {drug} online, discreet delivery, 最便宜的 {drug} {link}",
    ],
    names=["Linda Smith", "Online Pharmacy", "Free Spins", "Mark"],
    emails=["freemail.example", "quickpost.example", "postbox.example"],
    sites=["https://pharma-direct.example/", "https://spin-win.example/", ""],
    agents=[*SCRIPTS, BROWSERS[2]],
    words={
        "drug": ["xanax", "viagra", "levitra"],
        "casino": ["Spin Win Casino", "Lucky Jackpot Casino"],
        "coin": ["bitcoin", "solana"],
        "seo": ["backlinks", "website traffic"],
        "domain": [
            "pharma-direct.example",
            "spin-win.example",
            "coin-airdrop.example",
            "seo-boost.example",
        ],
    },
)


def training(per_kind: int = 20, seed: int = 3) -> list[Sample]:
    """``per_kind`` ham and as many spam comments, alternating, to learn from."""
    return _build(HAM_TRAINING, SPAM_TRAINING, per_kind, random.Random(seed))


def held_out(per_kind: int = 15, seed: int = 11) -> list[Sample]:
    """Comments written in other frames by other people, to test on."""
    return _build(HAM_HELD_OUT, SPAM_HELD_OUT, per_kind, random.Random(seed))


def _build(ham: Style, spam: Style, per_kind: int, rng: random.Random) -> list[Sample]:
    samples = []
    for i in range(per_kind):
        samples.append(Sample(False, _write(ham, i, rng)))
        samples.append(Sample(True, _write(spam, i, rng)))
    return samples


def _write(style: Style, i: int, rng: random.Random) -> dict[str, str]:
    """Fill the ``i``-th frame (cycling) with random words, and pick who wrote it."""
    values: dict[str, Any] = {key: rng.choice(pool) for key, pool in style.words.items()}
    values["Topic"] = str(values.get("topic", "")).capitalize()
    for n in ("link", "link2", "link3"):
        values[n] = _spam_link(style, rng) if "domain" in style.words else ""
    name = rng.choice(style.names)
    return {
        "body": style.frames[i % len(style.frames)].format(**values),
        "author_name": name,
        "author_email": f"{name.split()[0].lower()}{rng.randint(1, 99)}@{rng.choice(style.emails)}",
        "author_url": rng.choice(style.sites),
        "user_agent": rng.choice(style.agents),
    }


def _spam_link(style: Style, rng: random.Random) -> str:
    scheme = rng.choice(["https://", "http://", "https://www.", "www."])
    path = rng.choice(["", "buy", "bonus?ref=7731", "go/offer", "best-price.html"])
    return f"{scheme}{rng.choice(style.words['domain'])}/{path}"
