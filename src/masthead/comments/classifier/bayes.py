"""The classifier's arithmetic: pure functions from counts to a spam probability.

Nothing here touches the database; ``masthead.comments.classifier`` explains the method
with a worked example, and ``learning`` fetches the counts these functions judge.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

PRIOR = 0.5
"""Robinson's x: what a token never seen before says (nothing either way)."""
PRIOR_WEIGHT = 1.0
"""Robinson's s: how many sightings the prior is worth against the evidence."""
CLUES = 20
"""How many of a comment's strongest tokens decide its score."""
MIN_STRENGTH = 0.1
"""Tokens whose probability is closer than this to 0.5 are left out: they are noise."""


class Counts(NamedTuple):
    """How many spam and how many ham lessons contained a token (or, for the documents
    row, how many spam and ham lessons there were)."""

    spam: int
    ham: int


def token_probability(token: Counts, documents: Counts) -> float | None:
    """The chance that a comment containing ``token`` is spam, or None if it was never seen.

    The share of spam lessons containing the token against the share of ham lessons
    (so a site with more ham than spam is not biased towards ham), pulled towards
    ``PRIOR`` when the token has been seen only a few times.
    """
    seen = token.spam + token.ham
    if seen == 0 or documents.spam == 0 or documents.ham == 0:
        return None
    # A count can outrun its class's total only if rows were edited by hand; cap it.
    spam_rate = min(token.spam, documents.spam) / documents.spam
    ham_rate = min(token.ham, documents.ham) / documents.ham
    raw = spam_rate / (spam_rate + ham_rate)
    return (PRIOR_WEIGHT * PRIOR + seen * raw) / (PRIOR_WEIGHT + seen)


def strongest(probabilities: Iterable[float]) -> list[float]:
    """The ``CLUES`` probabilities furthest from 0.5, leaving out the weak ones."""
    strong = (p for p in probabilities if abs(p - 0.5) >= MIN_STRENGTH)
    # Ties are broken by the value itself, so the result never depends on row order.
    return heapq.nlargest(CLUES, strong, key=lambda p: (abs(p - 0.5), p))


def chi2_survival(chi2: float, freedom: int) -> float:
    """P(X >= chi2) for X chi-square distributed with an even number of degrees of freedom."""
    half = chi2 / 2
    term = total = math.exp(-half)
    for i in range(1, freedom // 2):
        term *= half / i
        total += term
    return min(total, 1.0)


def fisher(probabilities: Sequence[float]) -> float:
    """Combine token probabilities into one score, 0 to 1, with Fisher's method.

    Two tests: how unlikely the tokens are if the comment were not spam, and how
    unlikely if it were not ham. The score is the balance of the two, 0.5 when
    the evidence is absent or pulls both ways at once.
    """
    if not probabilities:
        return PRIOR
    freedom = 2 * len(probabilities)
    spamminess = 1 - chi2_survival(-2 * math.fsum(math.log(1 - p) for p in probabilities), freedom)
    hamminess = 1 - chi2_survival(-2 * math.fsum(math.log(p) for p in probabilities), freedom)
    return (1 + spamminess - hamminess) / 2


def spam_probability(tokens: Iterable[Counts], documents: Counts) -> float:
    """The score of a comment whose tokens have these counts, given ``documents`` lessons."""
    known = (token_probability(token, documents) for token in tokens)
    return fisher(strongest(p for p in known if p is not None))
