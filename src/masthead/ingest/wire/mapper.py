"""Turn a feed's entries into wire stories and articles, through the articles' services.

``take_in(document, feed=…)`` walks the entries in order. Each entry is one
transaction: its ``WireItem`` row and, when it is news we have not run, its article.

- An entry seen before with the same fingerprint is left alone.
- A changed entry (the wire corrected its story) updates its row and rewrites the
  article, unless an editor has changed the article since: their edit wins.
- A new entry dated earlier than ``WirePolicy.max_age`` is recorded as skipped.
- A new entry that tells the same news as a story of the last ``WirePolicy.window``
  (``grouping.same_news``) is grouped with that story: no second article.
- Anything else becomes an article in the feed's section, attributed to its publisher
  and credited, published at once or left as a draft by the feed's mode.
- An entry the parser could not read, or that fails while being taken in (a bug, not
  the feed's fault), is rolled back alone and recorded as skipped with the reason; it
  is listed in ``PollTally.failures``, and the next poll finds it unchanged rather than
  failing on it again. The feed's other entries are taken in as usual.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from html import escape as html_escape
from html import unescape
from urllib.parse import urljoin

from django.db import transaction
from django.utils.formats import date_format

from masthead.articles import services
from masthead.articles.models import Article
from masthead.core.batchjobs import Tally
from masthead.core.sanitize import clean_html
from masthead.core.text import plain_text
from masthead.ingest.bodies import autop, markdown_safe
from masthead.ingest.models import WireBand, WireFeed, WireItem
from masthead.ingest.wire.grouping import same_news
from masthead.ingest.wire.policy import WirePolicy
from masthead.ingest.wire.records import WireDocument, WireEntry, why
from masthead.ingest.wire.similarity import band_keys, figures, pack, shingles, signature
from masthead.ingest.wordpress.ledger import digest

Outcome = WireItem.Outcome
logger = logging.getLogger(__name__)
# Pictures on other hosts would be fetched by every reader's browser: not on our pages.
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_LINK = re.compile(r'href="([^"]*)"')


@dataclass
class PollTally(Tally):
    """What one poll did with a feed's entries."""

    entries: int = 0
    created: int = 0
    updated: int = 0
    grouped: int = 0
    skipped: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    # Entries that could not be read or taken in, and why: the feed shows these.
    failures: list[str] = field(default_factory=list)


def take_in(
    document: WireDocument, *, feed: WireFeed, now: datetime, policy: WirePolicy
) -> PollTally:
    """Take every entry of ``document`` in for ``feed`` (see the module docstring)."""
    tally = PollTally(entries=len(document.entries), problems=list(document.problems))
    keys = [entry.key for entry in document.entries]
    known = {item.key: item for item in WireItem.objects.filter(feed=feed, key__in=keys)}
    seen: set[str] = set()
    for entry in document.entries:
        if entry.key in seen:
            tally.count("skipped")
            tally.problems.append(f"entry {entry.position}: the same guid as an earlier entry")
            continue
        seen.add(entry.key)
        earlier = known.get(entry.key)
        if entry.failure:
            outcome = _drop(entry, earlier, feed=feed, now=now, reason=entry.failure, tally=tally)
        else:
            outcome = _take_one(entry, earlier, feed=feed, now=now, policy=policy,
                                language=document.language, tally=tally)  # fmt: skip
        tally.count(outcome)
    return tally


def _take_one(
    entry: WireEntry, earlier: WireItem | None, *, feed: WireFeed, now: datetime,
    policy: WirePolicy, language: str, tally: PollTally,
) -> str:  # fmt: skip
    """Take one entry in; if that fails, roll it back alone and record it as dropped."""
    try:
        return take_entry(entry, item=earlier or WireItem(), feed=feed, now=now,
                          policy=policy, language=language)  # fmt: skip
    except Exception as error:  # one entry's trouble must not stop the feed's others
        logger.warning(
            "Wire entry %s of feed %s could not be taken in", entry.position, feed.pk,
            exc_info=True,
        )  # fmt: skip
        said = f"could not be taken in ({why(error)})"
        return _drop(entry, earlier, feed=feed, now=now, reason=said, tally=tally)


def _drop(
    entry: WireEntry, earlier: WireItem | None, *, feed: WireFeed, now: datetime, reason: str,
    tally: PollTally,
) -> str:  # fmt: skip
    """Record an entry we failed on as skipped, with the reason, so it is not retried.

    An entry already recorded so (the same fingerprint) is simply unchanged.
    """
    fingerprint = _digest(entry)
    if earlier is not None and earlier.digest == fingerprint:
        return "unchanged"
    title = " ".join(entry.title.split())
    tally.failures.append(f"entry {entry.position} (“{title[:100]}”) {reason}")
    try:
        with transaction.atomic():
            _write_drop(entry, earlier, feed=feed, now=now, reason=reason, fingerprint=fingerprint)
    except Exception:  # then it is simply tried again at the next poll
        logger.warning("Wire entry %s of feed %s could not be recorded", entry.position,
                       feed.pk, exc_info=True)  # fmt: skip
    return "skipped"


def _write_drop(
    entry: WireEntry, earlier: WireItem | None, *, feed: WireFeed, now: datetime, reason: str,
    fingerprint: str,
) -> None:  # fmt: skip
    if earlier is not None:  # a change upstream we failed on: the story stays as it was
        WireItem.objects.filter(pk=earlier.pk).update(
            digest=fingerprint, changed_at=now, reason=reason[:300]
        )
        return
    WireItem.objects.create(
        feed=feed, key=entry.key, seen_at=now, title=entry.title[:300] or "Untitled",
        link=entry.link if len(entry.link) <= 500 else "", dated=entry.published or entry.updated,
        outcome=Outcome.SKIPPED, reason=reason[:300], digest=fingerprint, signature=b"",
    )  # fmt: skip


@transaction.atomic
def take_entry(
    entry: WireEntry, *, item: WireItem, feed: WireFeed, now: datetime, policy: WirePolicy,
    language: str = "",
) -> str:  # fmt: skip
    """Take one entry in; ``item`` is its row from an earlier poll, or a new one to fill.

    Returns what happened, as a ``PollTally`` field name.
    """
    fingerprint = _digest(entry)
    if item.pk is not None:
        if item.digest == fingerprint:
            return "unchanged"
        _copy(entry, item, fingerprint)
        item.changed_at = now
        _rewrite(item)
        item.save()
        return "updated"
    item.feed, item.key, item.seen_at = feed, entry.key, now
    _copy(entry, item, fingerprint)
    text = f"{item.title}\n{plain_text(item.body)}"
    sig, cited = signature(shingles(text)), figures(text)
    item.signature, item.figures = pack(sig), " ".join(sorted(cited))[:1200]
    outcome = _decide(item, sig, cited, now=now, policy=policy, language=language)
    item.save()
    if outcome != "skipped":
        WireBand.objects.bulk_create(
            WireBand(item=item, key=key, seen_at=now) for key in band_keys(sig)
        )
    return outcome


def _decide(
    item: WireItem, sig: tuple[int, ...], cited: frozenset[str], *, now: datetime,
    policy: WirePolicy, language: str,
) -> str:  # fmt: skip
    """Skip, group or publish a new story; fills ``item``'s outcome (no save)."""
    if item.dated is not None and item.dated < now - policy.max_age:
        item.outcome = Outcome.SKIPPED
        item.reason = f"dated {date_format(item.dated, 'DATE_FORMAT')}, too old to take in"
        return "skipped"
    match = same_news(sig, cited, since=now - policy.window, threshold=policy.threshold)
    if match is not None:
        item.outcome, item.same_as = Outcome.GROUPED, match.story
        item.article_id, item.similarity = match.story.article_id, match.score
        said = f"{match.score:.0%} alike: “{match.story.title}” ({match.story.feed.name})"
        item.reason = said[:300]  # titles may take 300 characters themselves
        return "grouped"
    publish(item, now=now, language=language)
    return "created"


def publish(item: WireItem, *, now: datetime, language: str = "", by: object = None) -> Article:
    """Make the article for ``item`` in its feed's section, published or drafted by its mode."""
    feed = item.feed
    article = Article(
        title=item.title, body=item.body, dek=_dek(item), category=feed.category,
        source=feed.publisher, source_url=item.link, credit_line=feed.credit_line,
        language=language[:35],
    )  # fmt: skip
    if feed.mode == WireFeed.Mode.PUBLISH:
        article.status = Article.Status.PUBLISHED
        article.published_at = min(item.dated or now, now)
    services.save_article(article=article, by=by)
    item.article = article
    item.outcome = Outcome.PUBLISHED if feed.mode == WireFeed.Mode.PUBLISH else Outcome.DRAFTED
    item.written = _words(article)
    return article


def _rewrite(item: WireItem) -> None:
    """Carry a wire's correction into the article, unless an editor changed the article."""
    article = item.article
    if item.outcome not in (Outcome.PUBLISHED, Outcome.DRAFTED) or article is None:
        return
    if _words(article) != item.written:
        item.reason = "changed upstream after an editor's change; the edit was kept"
        return
    article.title, article.body, article.dek = item.title, item.body, _dek(item)
    services.save_article(article=article)
    item.written = _words(article)
    item.reason = ""


def _copy(entry: WireEntry, item: WireItem, fingerprint: str) -> None:
    """Set ``item``'s text fields from ``entry`` (no save)."""
    item.title = entry.title[:300] or "Untitled"
    item.link = entry.link if len(entry.link) <= 500 else ""
    item.summary = entry.summary if entry.content else ""
    item.body = body_of(entry.content or entry.summary, base=entry.link)
    item.authors = ", ".join(entry.authors)[:300]
    item.dated = entry.published or entry.updated
    item.digest = fingerprint


def body_of(html: str, *, base: str = "") -> str:
    """An entry's HTML as an article body: paragraphs, sanitized, no pictures, links absolute.

    Relative links are read against ``base`` (the story's own address), since on our site
    they would point at pages of ours.
    """
    # Every picture goes, the feed's own too (they would be hot-linked), not just outside ones.
    body = _IMG.sub("", clean_html(autop(html), outside_pictures=True))
    if base:
        body = _LINK.sub(lambda m: f'href="{html_escape(urljoin(base, unescape(m[1])))}"', body)
    return markdown_safe(body)


def _dek(item: WireItem) -> str:
    """The entry's summary as a standfirst, unless it only repeats the start of the text."""
    summary = " ".join(plain_text(item.summary).split())
    if not summary:
        return ""
    start = summary.rstrip(".… ").removesuffix("[...]").removesuffix("[…]").rstrip(".… ")
    text = " ".join(plain_text(item.body).split())
    return "" if text.startswith(start[:200]) else summary[:600]


def _digest(entry: WireEntry) -> str:
    """A fingerprint of what the entry says (not where it sits in the feed)."""
    return digest(dataclasses.replace(entry, position=0))


def _words(article: Article) -> str:
    """A fingerprint of the words an editor might change."""
    words = "\0".join((article.title, article.dek, article.body))
    return hashlib.sha256(words.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def take_apart(*, item: WireItem, now: datetime, by: object = None) -> Article:
    """Give a grouped story an article of its own: the grouping was wrong."""
    if item.outcome != Outcome.GROUPED:
        raise ValueError(f"“{item.title}” is not grouped with another story")
    item.same_as, item.similarity = None, None
    article = publish(item, now=now, by=by)
    item.reason = "taken apart from the story it was grouped with"
    item.save()
    return article
