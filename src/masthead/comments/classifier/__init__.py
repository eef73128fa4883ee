"""A naive Bayes spam classifier that learns from moderators' decisions.

Every time a person approves a comment or marks it spam, ``learn`` counts the comment's
tokens (``tokens``: its words, link domains, email domain, how many links, how shouty,
…) in a ham or a spam column of ``ClassifierToken``; the ``*`` row counts the lessons
themselves. Sending a comment back to pending unlearns it. ``score`` turns a new
comment's counts into the probability that it is spam, which the ``Moderator`` compares
with its ``spam_score`` and ``hold_score`` knobs; ``retrain`` rebuilds every count from
the decisions stored (``masthead comments train``).

**Each token** gets Robinson's estimate f(w) from the share of spam lessons that contain
it, b, and the share of ham lessons, g::

    p(w) = b / (b + g)            f(w) = (s·x + n·p(w)) / (s + n)

where n is how many lessons contained it and the prior x = 0.5 is worth s = 1 sighting,
so a token seen once cannot be certain. Using shares rather than counts keeps a site
with far more ham than spam from leaning towards ham. Say 40 spam and 60 ham lessons:

    >>> from masthead.comments.classifier.bayes import Counts, token_probability, fisher
    >>> lessons = Counts(spam=40, ham=60)
    >>> casino = token_probability(Counts(spam=12, ham=0), lessons)  # b=.30, g=0
    >>> round(casino, 3)  # (0.5 + 12·1.0) / 13
    0.962
    >>> links = token_probability(Counts(spam=20, ham=6), lessons)  # links:2-3; b=.5, g=.1
    >>> round(links, 3)  # (0.5 + 26·0.833) / 27
    0.821
    >>> council = token_probability(Counts(spam=1, ham=15), lessons)  # b=.025, g=.25
    >>> round(council, 3)
    0.115

**A comment** is judged by its ``CLUES`` (20) tokens furthest from 0.5, leaving out any
within 0.1 of it, and never-seen tokens, which say nothing. Fisher's method combines
them: if the comment were ham, -2·Σln(1-f) would be chi-square distributed with 2k
degrees of freedom, and likewise -2·Σln f if it were spam; S and H are how far each sum
is in its tail, and the score is (1 + S - H) / 2. Evidence all one way scores near 0 or
1; a mix scores near the middle, which holds the comment for a person rather than guess:

    >>> round(fisher([casino, links]), 2)
    0.97
    >>> round(fisher([casino, links, council]), 2)
    0.73
    >>> round(fisher([council]), 2)
    0.11

Until it has ``MIN_LESSONS`` (10) of each kind, ``score`` returns None and the rules
decide alone.
"""

from masthead.comments.classifier.features import tokens
from masthead.comments.classifier.learning import MIN_LESSONS, learn, retrain, score

__all__ = ["MIN_LESSONS", "learn", "retrain", "score", "tokens"]
