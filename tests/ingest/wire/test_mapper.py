"""Taking a feed's entries in: articles with attribution, updates, skips and grouping."""

from __future__ import annotations

from datetime import timedelta

import pytest

from masthead.articles import services
from masthead.articles.models import Article
from masthead.core import clock
from masthead.ingest.models import WireBand, WireFeed, WireItem
from masthead.ingest.wire.grouping import forget_before
from masthead.ingest.wire.mapper import take_apart, take_in
from masthead.ingest.wire.parser import parse_feed
from masthead.ingest.wire.policy import WirePolicy
from masthead.ingest.wire.similarity import BANDS
from tests.ingest.wire.conftest import fresh, make_feed
from tests.ingest.wire.feeds import Item, rss

pytestmark = pytest.mark.django_db

POLICY = WirePolicy()
BRIDGE = (
    "<p>The harbour bridge in Porthaven will close to all traffic from Monday for six weeks "
    "of repairs to its corroded steel cables, the city council said on Tuesday.</p>"
    "<p>Buses will run on a diversion through the old town, adding about twenty minutes to "
    "journeys, and a free ferry will carry foot passengers every fifteen minutes.</p>"
    "<p>Engineers found the corrosion during a routine inspection in January.</p>"
)
BRIDGE_REWORDED = (
    "<p>Porthaven's harbour bridge shuts to traffic on Monday for six weeks so engineers can "
    "repair corroded steel cables, the city council announced on Tuesday.</p>"
    "<p>A free ferry for foot passengers will run every fifteen minutes, and buses will be "
    "diverted through the old town, which adds around twenty minutes to journeys.</p>"
    "<p>The corrosion came to light in a routine inspection in January.</p>"
)
STORM = (
    "<p>Forecasters issued an amber warning for gales along the northern coast on Friday, "
    "with gusts of up to 110 km/h expected overnight and ferries cancelled.</p>"
)


def now():
    return clock.now()


def news(number, **fields):
    """A story dated an hour ago, told in words of its own unless given others."""
    return fresh(number, **{"title": f"Story number {number}", **fields})


def take(feed, *items, policy=POLICY):
    return take_in(parse_feed(rss(list(items))), feed=feed, now=now(), policy=policy)


def test_a_new_story_is_published_with_its_attribution(client):
    feed = make_feed("https://wire.example/news.xml", credit_line="Courtesy of Harbour Wire")
    tally = take(feed, news(1, title="Bridge to close", content=BRIDGE))
    assert (tally.entries, tally.created) == (1, 1)
    article = Article.objects.get()
    assert article.title == "Bridge to close"
    assert article.status == Article.Status.PUBLISHED
    assert (article.source, article.category) == (feed.publisher, feed.category)
    assert article.source_url == "https://wire.example/stories/1"
    assert article.credit == "Courtesy of Harbour Wire"
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'Source: <a href="https://wire.example/stories/1"' in page
    assert f"{feed.publisher.name}</a> – Courtesy of Harbour Wire" in page


def test_without_a_credit_line_the_publishers_default_is_used():
    feed = make_feed("https://wire.example/news.xml")
    take(feed, news(1))
    assert Article.objects.get().credit == "Courtesy of the agency"


def test_a_draft_feed_leaves_stories_for_review():
    feed = make_feed("https://wire.example/news.xml", mode=WireFeed.Mode.DRAFT)
    take(feed, news(1))
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert WireItem.objects.get().outcome == WireItem.Outcome.DRAFTED


def test_a_story_keeps_its_own_time_but_never_one_in_the_future():
    feed = make_feed("https://wire.example/news.xml")
    earlier = now() - timedelta(hours=5)
    take(feed, news(1, pub_date=earlier), news(2, pub_date=now() + timedelta(days=2)))
    times = dict(Article.objects.values_list("title", "published_at"))
    assert times["Story number 1"] == earlier.replace(microsecond=0)
    assert times["Story number 2"] <= now()


def test_the_same_entry_twice_is_taken_in_once():
    feed = make_feed("https://wire.example/news.xml")
    entries = [news(1), news(2)]  # made once: their dates are "an hour ago" to the second
    take(feed, *entries)
    tally = take(feed, *entries)
    assert (tally.created, tally.unchanged) == (0, 2)
    assert Article.objects.count() == 2


def test_a_correction_upstream_rewrites_an_untouched_article():
    feed = make_feed("https://wire.example/news.xml")
    take(feed, news(1, content="<p>Six weeks of repairs.</p>"))
    tally = take(feed, news(1, title="Corrected", content="<p>Eight weeks of repairs.</p>"))
    assert tally.updated == 1
    article = Article.objects.get()
    assert article.title == "Corrected"
    assert "Eight weeks" in article.body_html
    assert WireItem.objects.get().changed_at is not None


def test_an_editors_change_wins_over_a_later_correction():
    feed = make_feed("https://wire.example/news.xml")
    take(feed, news(1, content="<p>Six weeks of repairs.</p>"))
    article = Article.objects.get()
    article.title = "Our own headline"
    services.save_article(article=article)
    take(feed, news(1, content="<p>Eight weeks of repairs.</p>"))
    article.refresh_from_db()
    assert article.title == "Our own headline"
    assert "Six weeks" in article.body_html
    assert "editor" in WireItem.objects.get().reason


def test_old_stories_are_recorded_but_not_taken_in():
    feed = make_feed("https://wire.example/news.xml")
    old = news(1, pub_date=now() - POLICY.max_age - timedelta(hours=1))
    tally = take(feed, old, news(2))
    assert (tally.created, tally.skipped) == (1, 1)
    skipped = WireItem.objects.get(outcome=WireItem.Outcome.SKIPPED)
    assert "too old" in skipped.reason
    assert not WireBand.objects.filter(item=skipped).exists()
    assert take(feed, old).unchanged == 1


def test_the_same_news_from_another_wire_is_grouped_not_published_twice():
    first = make_feed("https://north.example/news.xml", name="Northwire")
    second = make_feed("https://coast.example/news.xml", name="Coastal Press")
    take(first, news(1, title="Harbour bridge to close for six weeks", content=BRIDGE))
    tally = take(second, news(7, title="Porthaven bridge shuts for cable repairs",
                              content=BRIDGE_REWORDED))  # fmt: skip
    assert tally.grouped == 1
    assert Article.objects.count() == 1
    copy = WireItem.objects.get(feed=second)
    original = WireItem.objects.get(feed=first)
    assert copy.same_as == original
    assert copy.article == original.article
    assert copy.similarity >= POLICY.threshold
    assert "Northwire" in copy.reason


def test_different_news_on_the_same_day_is_not_grouped():
    first = make_feed("https://north.example/news.xml", name="Northwire")
    second = make_feed("https://coast.example/news.xml", name="Coastal Press")
    take(first, news(1, title="Harbour bridge to close", content=BRIDGE))
    assert take(second, news(2, title="Gale warning for the coast", content=STORM)).created == 1
    assert Article.objects.count() == 2


def test_a_third_copy_joins_the_story_that_was_published():
    feeds = [make_feed(f"https://w{n}.example/f.xml", name=f"Wire {n}") for n in range(3)]
    take(feeds[0], news(1, title="Harbour bridge to close", content=BRIDGE))
    take(feeds[1], news(2, title="Bridge shuts for repairs", content=BRIDGE_REWORDED))
    take(feeds[2], news(3, title="Porthaven bridge closing", content=BRIDGE_REWORDED + STORM))
    original = WireItem.objects.get(feed=feeds[0])
    assert set(original.copies.values_list("feed__name", flat=True)) == {"Wire 1", "Wire 2"}


def test_stories_older_than_the_window_are_not_compared():
    class ShortMemory(WirePolicy):
        window = timedelta(hours=1)

    first = make_feed("https://north.example/news.xml", name="Northwire")
    second = make_feed("https://coast.example/news.xml", name="Coastal Press")
    take(first, news(1, content=BRIDGE))
    WireBand.objects.update(seen_at=now() - timedelta(hours=2))  # taken in two hours ago
    assert take(second, news(2, content=BRIDGE), policy=ShortMemory()).created == 1


def test_a_wrong_grouping_can_be_taken_apart():
    first = make_feed("https://north.example/news.xml", name="Northwire")
    second = make_feed("https://coast.example/news.xml", name="Coastal Press")
    take(first, news(1, content=BRIDGE))
    take(second, news(2, title="Our angle on the bridge", content=BRIDGE))
    copy = WireItem.objects.get(feed=second)
    article = take_apart(item=copy, now=now())
    copy.refresh_from_db()
    assert (copy.outcome, copy.same_as, copy.article) == (WireItem.Outcome.PUBLISHED, None, article)
    assert article.title == "Our angle on the bridge"
    assert Article.objects.count() == 2
    with pytest.raises(ValueError, match="not grouped"):
        take_apart(item=copy, now=now())


def test_bodies_are_sanitized_and_lose_pictures_from_other_hosts():
    feed = make_feed("https://wire.example/news.xml")
    content = (
        '<p onclick="steal()">Text <script>alert(1)</script><a href="javascript:x()">link</a></p>'
        '<p><img src="https://tracker.example/pixel.gif" alt=""> after the picture</p>'
    )
    take(feed, news(1, content=content))
    html = Article.objects.get().body_html
    for unwanted in ("onclick", "<script", "javascript:", "<img", "tracker.example"):
        assert unwanted not in html
    assert "after the picture" in html


def test_plain_text_descriptions_become_paragraphs_untouched_by_markdown():
    feed = make_feed("https://wire.example/news.xml")
    take(feed, news(1, content="", description="First *point*\n\nSecond_point_here"))
    html = Article.objects.get().body_html
    assert "<p>First *point*</p>" in html
    assert "<em>" not in html


def test_a_summary_that_is_not_the_start_of_the_text_becomes_the_standfirst():
    feed = make_feed("https://wire.example/news.xml")
    take(
        feed,
        news(1, description="<p>Six weeks of disruption ahead.</p>", content=BRIDGE),
        news(2, description="<p>Forecasters issued an amber warning [...]</p>", content=STORM),
    )
    deks = dict(Article.objects.values_list("title", "dek"))
    assert deks == {"Story number 1": "Six weeks of disruption ahead.", "Story number 2": ""}


def test_an_entry_repeated_in_one_document_is_taken_once_and_reported():
    feed = make_feed("https://wire.example/news.xml")
    tally = take(feed, news(1), news(1, title="Same guid again"))
    assert (tally.created, tally.skipped) == (1, 1)
    assert tally.problems == ["entry 2: the same guid as an earlier entry"]


def test_unicode_stories_keep_their_words():
    feed = make_feed("https://wire.example/news.xml")
    take(
        feed,
        news(1, title="杭州西湖游船恢复运营 🎉", content="<p>今天上午，西湖游船恢复运营。</p>"),
        news(2, title="مرحبا بالعالم", content="<p>نص عربي من اليمين إلى اليسار</p>"),
    )
    titles = set(Article.objects.values_list("title", flat=True))
    assert titles == {"杭州西湖游船恢复运营 🎉", "مرحبا بالعالم"}


def test_the_feeds_language_is_the_articles():
    feed = make_feed("https://wire.example/news.xml")
    document = parse_feed(rss([news(1)], language="es"))
    take_in(document, feed=feed, now=now(), policy=POLICY)
    assert Article.objects.get().language == "es"


def test_a_story_with_only_a_title_is_still_a_story():
    feed = make_feed("https://wire.example/news.xml")
    take(feed, Item(title="Breaking: bridge closed", guid="x-1", pub_date=now()))
    assert Article.objects.get().title == "Breaking: bridge closed"


def test_relative_links_in_a_story_point_at_the_wires_site():
    feed = make_feed("https://wire.example/news.xml")
    take(feed, news(1, content='<p><a href="/stories/2?a=1&amp;b=2">earlier</a> and '
                               '<a href="https://other.example/">elsewhere</a></p>'))  # fmt: skip
    html = Article.objects.get().body_html
    assert 'href="https://wire.example/stories/2?a=1&amp;b=2"' in html
    assert 'href="https://other.example/"' in html


def test_a_long_headline_grouped_still_fits_its_reason():
    title = "Harbour bridge " + "closure " * 40
    first = make_feed("https://north.example/news.xml", name="Northwire")
    second = make_feed("https://coast.example/news.xml", name="Coastal Press")
    take(first, news(1, title=title[:300], content=BRIDGE))
    assert take(second, news(2, title=title[:300], content=BRIDGE)).grouped == 1
    copy = WireItem.objects.get(feed=second)
    assert len(copy.reason) <= 300
    assert copy.reason.startswith("100% alike")


def test_buckets_older_than_the_window_are_forgotten_and_the_stories_kept():
    feed = make_feed("https://wire.example/news.xml")
    take(feed, news(1), news(2))
    WireBand.objects.filter(item__key=news(1).guid).update(seen_at=now() - timedelta(days=4))
    assert forget_before(now() - POLICY.window) == BANDS
    assert set(WireBand.objects.values_list("item__key", flat=True)) == {news(2).guid}
    assert WireItem.objects.count() == 2


def test_an_entry_that_cannot_be_taken_in_is_recorded_and_the_others_go_on(monkeypatch):
    """A bug with one entry rolls back that entry alone; it is kept as skipped with the reason.

    It is not tried again at every poll (it would fail the same way): the next poll finds it
    unchanged, and the feed's other stories are taken in as usual.
    """
    from masthead.ingest.wire import mapper

    feed = make_feed("https://wire.example/feed.xml")
    real = mapper.publish

    def fragile(item, **kwargs):
        if item.title == "Story number 2":
            raise RuntimeError("disk on fire")
        return real(item, **kwargs)

    monkeypatch.setattr(mapper, "publish", fragile)
    entries = [news(1), news(2), news(3)]
    tally = take(feed, *entries)
    assert (tally.created, tally.skipped) == (2, 1)
    assert tally.failures == [
        "entry 2 (“Story number 2”) could not be taken in (RuntimeError: disk on fire)"
    ]
    failed = WireItem.objects.get(title="Story number 2")
    assert failed.outcome == WireItem.Outcome.SKIPPED
    assert failed.reason == "could not be taken in (RuntimeError: disk on fire)"
    assert failed.article is None
    assert not WireBand.objects.filter(item=failed).exists()
    assert Article.objects.count() == 2
    again = take(feed, *entries)
    assert (again.unchanged, again.failures) == (3, [])


def test_a_feeds_language_in_another_case_or_with_an_underscore_is_a_tag():
    feed = make_feed("https://wire.example/news.xml")
    document = parse_feed(rss([news(1)], language="en_us"))
    tally = take_in(document, feed=feed, now=now(), policy=POLICY)
    assert Article.objects.get().language == "en-US"
    assert tally.problems == []


def test_a_feeds_language_that_is_no_tag_is_left_out_and_reported_not_fatal():
    """The story is still taken in, without a language; the fetch's notes say why."""
    feed = make_feed("https://wire.example/news.xml")
    document = parse_feed(rss([news(1)], language="English (UK)"))
    tally = take_in(document, feed=feed, now=now(), policy=POLICY)
    assert tally.created == 1
    assert Article.objects.get().language == ""
    assert any("language “English (UK)” was left out" in p for p in tally.problems)
