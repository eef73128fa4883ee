"""Who may comment where, and what happens to a new comment: the moderation policy.

A ``Moderator`` holds the rules an editor sets under *Comment settings* in the back
office; ``Moderator.current()`` reads them (cached until anything changes). Its methods
decide; they touch no database, so they are easy to test and to reason about::

    >>> m = Moderator(hold_first_time=True, hold_if_links_over=2, block_words=("casino",))
    >>> m.decide(Comment(body="Lovely piece."), known_commenter=True).status
    Comment.Status.APPROVED
    >>> m.decide(Comment(body="Lovely piece."), known_commenter=False).reasons
    ('first comment from this address',)
    >>> m.decide(Comment(body="Best CASINO bonus"), known_commenter=True).status
    Comment.Status.SPAM

The checks run in this order, and the first that sends a comment to spam wins:
block words, then the classifier's score above ``spam_score``. Otherwise every rule that
holds the comment is recorded as a reason (an editor sees them all in the queue): hold
everything, too many links, hold words, a classifier score above ``hold_score``, a
first-time commenter. With no reason the comment is approved at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from masthead.articles.models import Article
from masthead.comments.models import Comment, CommentSettings
from masthead.core import generation

LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)
CACHE_NAME = "comment-settings:v1"


@dataclass(frozen=True)
class Verdict:
    """What the rules make of a new comment: its status and why."""

    status: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Moderator:
    """The comment rules. Every attribute is a knob of *Comment settings*."""

    max_depth: int = 5
    """How many levels a thread may have: 1 allows no replies, 5 allows replies to depth 4."""
    hold_all: bool = False
    hold_first_time: bool = True
    """Hold a comment unless an earlier one from the same email address was approved."""
    hold_if_links_over: int = 2
    moderation_words: tuple[str, ...] = ()
    """Held when any field contains one of these (case does not matter)."""
    block_words: tuple[str, ...] = ()
    """Straight to spam when any field contains one of these."""
    close_after_days: int | None = None
    """Comments close this many days after publication; None keeps them open."""
    spam_score: float = 0.9
    hold_score: float = 0.5
    rate_limit: int = 5
    """Comments a minute from one IP address, and from one email address."""
    empty_after_days: int = 30
    notify_authors: bool = True

    @classmethod
    def current(cls) -> Moderator:
        """The rules as the editors last saved them."""
        return generation.cached(CACHE_NAME, cls._from_settings)

    @staticmethod
    def forget() -> None:
        """Drop the cached rules; the next ``current()`` reads the database."""
        generation.forget(CACHE_NAME)

    @classmethod
    def _from_settings(cls) -> Moderator:
        row = CommentSettings.objects.order_by("pk").first() or CommentSettings()
        return cls(
            max_depth=row.thread_depth,
            hold_all=row.hold_all,
            hold_first_time=row.hold_first_time,
            hold_if_links_over=row.max_links,
            moderation_words=word_list(row.moderation_words),
            block_words=word_list(row.block_words),
            close_after_days=row.close_after_days or None,
            spam_score=row.spam_score / 100,
            hold_score=row.hold_score / 100,
            rate_limit=row.rate_limit,
            empty_after_days=row.empty_after_days,
            notify_authors=row.notify_authors,
        )

    # Where comments are taken ------------------------------------------------------------

    def closes_at(self, article: Article) -> datetime | None:
        """When comments on ``article`` close by age, or None if they never do."""
        if self.close_after_days is None or article.published_at is None:
            return None
        return article.published_at + timedelta(days=self.close_after_days)

    def is_open(self, article: Article, now: datetime) -> bool:
        """Whether readers may comment on ``article`` at ``now``."""
        if not (article.comments_open and article.is_visible):
            return False
        closes = self.closes_at(article)
        return closes is None or now < closes

    def reply_problem(self, article: Article, parent: Comment | None) -> str:
        """Why a reply to ``parent`` on ``article`` is refused; "" when it is fine."""
        if parent is None:
            return ""
        if parent.article_id != article.pk or not parent.is_public:
            return "The comment you replied to is not on this article."
        if parent.depth + 1 >= self.max_depth:
            return "Replies cannot go any deeper here; reply further up the thread instead."
        return ""

    # What becomes of a comment ------------------------------------------------------------

    def decide(
        self, comment: Comment, *, known_commenter: bool, score: float | None = None
    ) -> Verdict:
        """The status a new ``comment`` gets, with the reasons if it is not approved."""
        text = searchable(comment)
        blocked = [w for w in self.block_words if w in text]
        if blocked:
            return Verdict(Comment.Status.SPAM, (f"contains “{blocked[0]}” (spam words)",))
        if score is not None and score > self.spam_score:
            return Verdict(Comment.Status.SPAM, (f"spam score {score:.0%}",))
        reasons = []
        if self.hold_all:
            reasons.append("every comment is held")
        links = len(LINK.findall(comment.body))
        if links > self.hold_if_links_over:
            reasons.append(f"{links} links")
        held = [w for w in self.moderation_words if w in text]
        if held:
            reasons.append(f"contains “{held[0]}” (hold words)")
        if score is not None and score > self.hold_score:
            reasons.append(f"spam score {score:.0%}")
        if self.hold_first_time and not known_commenter:
            reasons.append("first comment from this address")
        status = Comment.Status.PENDING if reasons else Comment.Status.APPROVED
        return Verdict(status, tuple(reasons))


def word_list(text: str) -> tuple[str, ...]:
    """The non-empty lines of a settings text box, lower-cased."""
    return tuple(line.strip().lower() for line in text.splitlines() if line.strip())


def searchable(comment: Comment) -> str:
    """Every field the word lists look at, lower-cased, in one string."""
    fields = (
        comment.author_name,
        comment.author_email,
        comment.author_url,
        comment.body,
        comment.ip_address or "",
        comment.user_agent,
    )
    return "\n".join(fields).lower()
