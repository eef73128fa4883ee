"""The article page at /<yyyy>/<mm>/<dd>/<slug>/: every element a reader sees on it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from masthead.articles import services
from masthead.articles.models import Article
from masthead.articles.views import find_article
from masthead.comments.models import Comment
from tests import factories
from tests.conftest import ago, edit_site, soup, text

pytestmark = pytest.mark.django_db


def page(client: Any, article: Article) -> BeautifulSoup:
    """GET the article's page, check it is served, and parse it."""
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return soup(response)


def hrefs(tags: list[Any]) -> list[str]:
    return [tag["href"] for tag in tags]


def same_moment(stamp: Any, moment: datetime) -> bool:
    """Whether a ``<time datetime>`` names ``moment`` (to the second)."""
    return datetime.fromisoformat(stamp["datetime"]).replace(microsecond=0) == moment.replace(
        microsecond=0
    )


# The section kicker ---------------------------------------------------------------


def test_category_links_to_its_archive(client, newsroom):
    chips_story = newsroom["stories"][2]
    kickers = page(client, chips_story).select(".story__header .kicker")
    assert hrefs(kickers) == ["/category/chips/"]
    assert text(kickers[0]) == "Chips"


def test_subsection_story_names_the_parent_section_then_the_subsection(client, newsroom):
    policy_story = newsroom["stories"][1]
    kickers = page(client, policy_story).select(".story__header .kicker")
    assert hrefs(kickers) == ["/category/ai/", "/category/ai-policy/"]
    assert [text(k) for k in kickers] == ["AI", "Policy"]


# Headline, dek, byline, dates, reading time ----------------------------------------


def test_headline_is_the_only_h1_even_when_the_body_has_a_top_level_heading(client, newsroom):
    story = factories.article(title="The headline", body="# A heading in the body\n\nText.")
    h1s = page(client, story).select("h1")
    assert [text(h) for h in h1s] == ["The headline"]


def test_dek_is_shown_under_the_headline(client, newsroom):
    story = factories.article(title="With a dek", dek="The short version of the story.")
    assert text(page(client, story).select_one(".story__dek")) == "The short version of the story."


def test_no_dek_element_when_the_article_has_none(client, newsroom):
    story = factories.article(title="No dek")
    assert page(client, story).select(".story__dek") == []


def test_byline_with_one_author_links_to_the_author_page(client, newsroom):
    story = factories.article(title="Solo", authors=[newsroom["alice"]])
    links = page(client, story).select(".story__header .byline a")
    assert hrefs(links) == ["/author/alice/"]
    assert text(links[0]) == "Alice Reporter"


def test_byline_with_two_authors_links_each_in_byline_order(client, newsroom):
    story = factories.article(title="Duo", authors=[newsroom["bob"], newsroom["alice"]])
    byline = page(client, story).select_one(".story__header .byline")
    assert hrefs(byline.select("a")) == ["/author/bob/", "/author/alice/"]
    assert text(byline) == "By Bob Writer and Alice Reporter"


def test_byline_with_three_authors_reads_as_a_list(client, newsroom):
    carol = factories.AuthorFactory(name="Carol Editor", slug="carol")
    story = factories.article(title="Trio", authors=[newsroom["alice"], newsroom["bob"], carol])
    byline = page(client, story).select_one(".story__header .byline")
    assert hrefs(byline.select("a")) == ["/author/alice/", "/author/bob/", "/author/carol/"]
    assert " ".join(byline.get_text().split()) == "By Alice Reporter, Bob Writer and Carol Editor"


def test_publication_time_is_machine_readable(client, newsroom):
    story = newsroom["stories"][0]
    stamp = page(client, story).select_one(".story__header time[datetime]")
    assert same_moment(stamp, story.published_at)


def test_publication_time_keeps_the_sites_own_format_not_the_back_offices(client, newsroom):
    """Readers see "March 4, 2026, 16:05"; "4 Mar 2026, 16:05" is for the back office."""
    story = factories.article(published_at=timezone.make_aware(datetime(2026, 3, 4, 16, 5)))
    assert text(page(client, story).select_one(".story__header time[datetime]")) == (
        "March 4, 2026, 16:05"
    )


def test_updated_line_appears_when_the_words_change_well_after_publication(client, newsroom):
    story = factories.article(title="Edited later", published_at=ago(days=2))
    story.body = "A corrected paragraph."
    services.save_article(article=story)
    updated = page(client, story).select_one(".story__header .updated")
    assert updated is not None
    assert text(updated).startswith("Updated")
    stamp = updated.select_one("time[datetime]")
    assert same_moment(stamp, story.content_updated_at)


def test_no_updated_line_for_a_quick_fix_just_after_publication(client, newsroom):
    story = factories.article(title="Typo fixed", published_at=ago(minutes=3))
    story.body = "Typo fixed at once."
    services.save_article(article=story)
    assert page(client, story).select(".updated") == []


def test_no_updated_line_for_an_article_never_edited(client, newsroom):
    assert page(client, newsroom["stories"][4]).select(".updated") == []


def test_reading_time_is_shown_in_minutes(client, newsroom):
    story = factories.article(title="Long read", body="word " * 1000)
    assert text(page(client, story).select_one(".reading-time")) == "4 min read"


# Featured image --------------------------------------------------------------------


@pytest.fixture
def illustrated(newsroom: dict[str, Any]) -> Article:
    """A story with a 1600 by 900 featured image."""
    return factories.article(
        title="Illustrated", featured_image=factories.image(alt="A chip wafer")
    )


def featured_img(client: Any, article: Article) -> Any:
    figure = page(client, article).select_one("figure.story__figure")
    assert figure is not None
    return figure


def test_featured_image_has_its_alt_text(client, illustrated):
    assert featured_img(client, illustrated).select_one("img")["alt"] == "A chip wafer"


def test_featured_image_offers_every_rendition_in_srcset(client, illustrated):
    img = featured_img(client, illustrated).select_one("img")
    widths = [entry.split()[-1] for entry in img["srcset"].split(",")]
    assert widths == ["400w", "800w", "1200w", "1600w"]
    assert img.get("sizes")


def test_featured_image_has_width_and_height_in_its_aspect_ratio(client, illustrated):
    img = featured_img(client, illustrated).select_one("img")
    width, height = int(img["width"]), int(img["height"])
    assert width > 0
    assert height == round(width * 900 / 1600)


def test_featured_image_above_the_fold_is_not_lazy(client, illustrated):
    img = featured_img(client, illustrated).select_one("img")
    assert img.get("loading") != "lazy"


def test_featured_image_caption_and_credit_are_shown(client, illustrated):
    caption = featured_img(client, illustrated).select_one("figcaption")
    assert "A caption" in text(caption)
    assert text(caption.select_one(".credit")) == "Photo: Test Desk"


def test_no_figure_when_the_article_has_no_featured_image(client, newsroom):
    story = factories.article(title="Words only")
    assert page(client, story).select(".story figure") == []


def test_pictures_below_the_fold_load_lazily(client, newsroom):
    """Thumbnails in Related posts and You missed are lazy; only the lead picture is eager."""
    factories.article(title="Pictured neighbour", featured_image=factories.image())
    story = newsroom["stories"][5]
    thumbnails = page(client, story).select(".related img, .you-missed img")
    assert thumbnails
    assert all(img.get("loading") == "lazy" for img in thumbnails)


# Body --------------------------------------------------------------------------------

MARKDOWN_BODY = """\
## A subheading

- first point
- second point

1. step one
2. step two

> A quotation from someone.

See [the report](https://example.org/report).

| Model | Score |
|-------|------:|
| Alpha | 91 |

Run `pip install masthead`, then:

```python
print("hello")
```
"""


@pytest.fixture
def rich_body(client: Any, newsroom: dict[str, Any]) -> BeautifulSoup:
    story = factories.article(title="Formatted", body=MARKDOWN_BODY)
    return page(client, story).select_one(".story__body")


def test_pictures_in_the_body_load_lazily(client, newsroom):
    story = factories.article(
        title="Inline picture", body="Text.\n\n![A chart](/media/images/chart.png)"
    )
    img = page(client, story).select_one(".story__body img")
    assert img["alt"] == "A chart"
    assert img["loading"] == "lazy"


def test_body_markdown_headings_become_h2(rich_body):
    assert text(rich_body.select_one("h2")) == "A subheading"


def test_body_markdown_lists_become_ul_and_ol(rich_body):
    assert [text(li) for li in rich_body.select("ul > li")] == ["first point", "second point"]
    assert [text(li) for li in rich_body.select("ol > li")] == ["step one", "step two"]


def test_body_markdown_quote_becomes_blockquote(rich_body):
    assert text(rich_body.select_one("blockquote")) == "A quotation from someone."


def test_body_markdown_link_becomes_a_link(rich_body):
    link = rich_body.select_one('a[href="https://example.org/report"]')
    assert text(link) == "the report"


def test_body_markdown_table_becomes_a_table(rich_body):
    assert [text(th) for th in rich_body.select("table th")] == ["Model", "Score"]
    assert [text(td) for td in rich_body.select("table td")] == ["Alpha", "91"]


def test_body_markdown_code_becomes_code(rich_body):
    assert "pip install masthead" in [text(c) for c in rich_body.select("p code")]
    assert 'print("hello")' in rich_body.select_one("pre code").get_text()


HOSTILE_BODY = """\
Hello <script>alert('body')</script>

<img src="x.png" onerror="alert('img')">

<a href="javascript:alert('link')">click</a> and [a markdown link](javascript:alert('md'))

<iframe src="https://evil.example/"></iframe>

<p onclick="alert('p')" onmouseover="alert('hover')">Hover me</p>
"""


@pytest.fixture
def hostile_page(client: Any, newsroom: dict[str, Any]) -> BeautifulSoup:
    return page(client, factories.article(title="Hostile", body=HOSTILE_BODY))


def test_script_in_the_markdown_never_reaches_the_page(hostile_page):
    # The only script is the site's own reply-form helper, loaded from our static files;
    # the head's JSON-LD blocks are data the browser never runs.
    scripts = hostile_page.select('script:not(head > script[type="application/ld+json"])')
    assert [s.get("src") for s in scripts] == ["/static/comments/reply.js"]


def test_event_handler_attributes_never_reach_the_page(hostile_page):
    handlers = [
        (tag.name, attr)
        for tag in hostile_page.find_all(True)
        for attr in tag.attrs
        if attr.lower().startswith("on")
    ]
    assert handlers == []


def test_javascript_links_and_iframes_never_reach_the_page(hostile_page):
    assert hostile_page.select('[href^="javascript:" i], [src^="javascript:" i]') == []
    assert hostile_page.select("iframe") == []


def test_harmless_text_around_hostile_markup_survives(hostile_page):
    body = text(hostile_page.select_one(".story__body"))
    assert "Hello" in body
    assert "Hover me" in body


# Source attribution ------------------------------------------------------------------


def test_syndicated_story_links_its_publisher_to_the_original_article(client, newsroom):
    syndicated = newsroom["stories"][3]
    attribution = page(client, syndicated).select_one(".attribution")
    assert text(attribution).startswith("Source: Harbour Wire")
    link = attribution.select_one("a")
    assert link["href"] == "https://harbour-wire.example/2026/story-3"
    assert text(link) == "Harbour Wire"


def test_syndicated_story_shows_the_sources_credit_line_after_the_link(client, newsroom):
    attribution = page(client, newsroom["stories"][3]).select_one(".attribution")
    assert text(attribution).endswith("Courtesy of Harbour Wire")


def test_article_credit_line_overrides_the_sources_default(client, newsroom):
    story = factories.article(
        title="Reprinted",
        source=newsroom["source"],
        source_url="https://harbour-wire.example/2026/reprint",
        credit_line="Republished with permission",
    )
    attribution = text(page(client, story).select_one(".attribution"))
    assert attribution.endswith("Republished with permission")
    assert "Courtesy of Harbour Wire" not in attribution


def test_original_reporting_has_no_source_line(client, newsroom):
    own = newsroom["stories"][4]
    assert page(client, own).select(".attribution") == []


# Tags ----------------------------------------------------------------------------------


def test_each_tag_links_to_its_tag_page(client, newsroom):
    story = newsroom["stories"][2]  # tagged models, gpus, europe
    links = page(client, story).select(".tags a")
    assert sorted(hrefs(links)) == ["/tag/europe/", "/tag/gpus/", "/tag/models/"]


def test_tags_are_listed_by_name(client, newsroom):
    names = ["water", "energy", "zoning", "apples"]
    tags = [factories.TagFactory(name=name, slug=f"t-{name}") for name in names]
    story = factories.article(title="Sorted", tags=tags)
    assert [text(a) for a in page(client, story).select(".tags a")] == sorted(names)


def test_the_story_comes_with_its_byline_and_tags_in_one_query(newsroom, django_assert_num_queries):
    story = factories.article(
        title="Duo", authors=[newsroom["bob"], newsroom["alice"]], tags=newsroom["tags"]
    )
    day = story.pub_date
    args = (f"{day:%Y}", f"{day:%m}", f"{day:%d}", story.slug)
    with django_assert_num_queries(1):
        found = find_article(*args)
        byline = [(link.position, link.author, link.article) for link in found.authorships.all()]
        tags = list(found.tags.all())
    expected = Article.objects.prefetch_related("authorships__author", "tags").get(pk=story.pk)
    assert byline == [(a.position, a.author, story) for a in expected.authorships.all()]
    assert [(a.author.role, a.author.avatar) for a in found.authorships.all()] == [
        (a.author.role, a.author.avatar) for a in expected.authorships.all()
    ]
    assert tags == list(expected.tags.all())
    assert [t.name for t in tags] == [t.name for t in expected.tags.all()]


def test_no_tag_list_when_the_article_has_no_tags(client, newsroom):
    story = factories.article(title="Untagged")
    assert page(client, story).select(".tags") == []


# Related posts -------------------------------------------------------------------------


def related_links(doc: BeautifulSoup) -> list[str]:
    return hrefs(doc.select(".related .teaser__title a"))


@pytest.mark.parametrize("count", [3, 4, 6])
def test_related_posts_show_as_many_as_site_settings_ask(client, newsroom, count):
    edit_site(related_count=count)
    assert len(related_links(page(client, newsroom["stories"][0]))) == count


def test_related_posts_never_include_the_article_itself(client, newsroom):
    edit_site(related_count=6)
    story = newsroom["stories"][0]
    links = related_links(page(client, story))
    assert story.get_absolute_url() not in links
    assert len(set(links)) == len(links)


def test_related_post_shows_thumbnail_title_date_and_excerpt(client, newsroom):
    neighbour = factories.article(
        title="Pictured neighbour",
        dek="Why this one is related.",
        tags=newsroom["tags"],
        category=newsroom["ai"],
        featured_image=factories.image(alt="Neighbour picture"),
    )
    # Shares the neighbour's headline words and all three of its tags.
    story = factories.article(
        title="The pictured neighbour, again", tags=newsroom["tags"], category=newsroom["ai"]
    )
    doc = page(client, story)
    teaser = doc.select_one(f'.related a[href="{neighbour.get_absolute_url()}"]')
    card = teaser.find_parent("article")
    assert text(card.select_one(".teaser__title")) == "Pictured neighbour"
    assert card.select_one("img")["alt"] == "Neighbour picture"
    assert same_moment(card.select_one("time"), neighbour.published_at)
    assert text(card.select_one(".teaser__dek")) == "Why this one is related."


# Comments --------------------------------------------------------------------------------


def test_approved_comments_are_listed_oldest_first(client, newsroom):
    story = newsroom["stories"][0]
    for name, hours in (("Newest", 1), ("Oldest", 30), ("Middle", 5)):
        made = factories.comment(story, author_name=name)
        Comment.objects.filter(pk=made.pk).update(created_at=ago(hours=hours))
    names = [text(n) for n in page(client, story).select(".comment .comment__author")]
    assert names == ["Oldest", "Middle", "Newest"]


def test_comment_shows_its_text_and_date(client, newsroom):
    story = newsroom["stories"][0]
    made = factories.comment(story, body="A thoughtful remark.")
    item = page(client, story).select_one(f"#comment-{made.pk}")
    assert text(item.select_one(".comment__body")) == "A thoughtful remark."
    assert same_moment(item.select_one("time"), made.created_at)


def test_commenter_name_links_to_their_website_when_given(client, newsroom):
    story = newsroom["stories"][0]
    made = factories.comment(story, author_name="Webby", author_url="https://webby.example/")
    link = page(client, story).select_one(f"#comment-{made.pk} .comment__author a")
    assert link["href"] == "https://webby.example/"
    assert text(link) == "Webby"
    assert {"nofollow", "ugc"} <= set(link["rel"])


@pytest.mark.parametrize(
    "website",
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>"],
)
def test_commenter_website_that_is_not_a_web_address_is_never_a_link(client, newsroom, website):
    """A stored website that is not http(s) (imported, say) gives plain text, not a script link."""
    story = newsroom["stories"][0]
    made = factories.comment(story, author_name="Sneaky", author_url=website)
    doc = page(client, story)
    author = doc.select_one(f"#comment-{made.pk} .comment__author")
    assert text(author) == "Sneaky"
    assert doc.select('[href^="javascript:" i], [href^="data:" i]') == []


def test_commenter_name_is_plain_text_without_a_website(client, newsroom):
    story = newsroom["stories"][0]
    made = factories.comment(story, author_name="Plain")
    author = page(client, story).select_one(f"#comment-{made.pk} .comment__author")
    assert text(author) == "Plain"
    assert author.select("a") == []


def test_comment_heading_counts_the_approved_comments(client, newsroom):
    story = newsroom["stories"][0]
    for _ in range(3):
        factories.comment(story)
    factories.comment(story, status=Comment.Status.PENDING)
    factories.comment(story, status=Comment.Status.SPAM)
    assert text(page(client, story).select_one("#comments-title")) == "3 comments"


def test_comment_heading_says_one_comment_in_the_singular(client, newsroom):
    story = newsroom["stories"][0]
    factories.comment(story)
    assert text(page(client, story).select_one("#comments-title")) == "1 comment"


def test_commenters_email_is_never_shown(client, newsroom):
    story = newsroom["stories"][0]
    factories.comment(story, author_email="secret.reader@example.org")
    response = client.get(story.get_absolute_url())
    assert "secret.reader@example.org" not in response.content.decode()
    assert soup(response).select('a[href^="mailto:"]') == []


# The "Leave a reply" form ----------------------------------------------------------------


@pytest.fixture
def reply_form(client: Any, newsroom: dict[str, Any]) -> Any:
    story = newsroom["stories"][0]
    return page(client, story).select_one('form textarea[name="body"]').find_parent("form")


def label_for(form: Any, name: str) -> Any:
    field = form.select_one(f'[name="{name}"]')
    return form.select_one(f'label[for="{field["id"]}"]')


def test_reply_form_sits_under_a_leave_a_reply_heading(client, newsroom):
    doc = page(client, newsroom["stories"][0])
    respond = doc.select_one('form textarea[name="body"]').find_parent(id="respond")
    assert text(respond.select_one("h2")) == "Leave a reply"


def test_reply_form_posts_to_the_comment_url_of_this_article(reply_form, newsroom):
    assert reply_form["method"].lower() == "post"
    action = reply_form["action"].split("#")[0]
    assert action == reverse("comments:post", args=[newsroom["stories"][0].pk])


@pytest.mark.parametrize(
    ("name", "label"), [("body", "Comment"), ("author_name", "Name"), ("author_email", "Email")]
)
def test_required_fields_are_marked_with_an_asterisk(reply_form, name, label):
    marked = label_for(reply_form, name)
    assert text(marked).startswith(label)
    assert text(marked.select_one(".required")) == "*"


def test_email_field_asks_for_an_email_address(reply_form):
    assert reply_form.select_one('input[name="author_email"]')["type"] == "email"


def test_website_field_is_optional(reply_form):
    field = reply_form.select_one('input[name="author_url"]')
    assert text(label_for(reply_form, "author_url")) == "Website"
    assert label_for(reply_form, "author_url").select(".required") == []
    assert not field.has_attr("required")


def test_remember_me_checkbox_is_offered(reply_form):
    box = reply_form.select_one('input[name="remember"]')
    assert box["type"] == "checkbox"
    wording = text(label_for(reply_form, "remember")).lower().replace(",", "")
    assert wording.startswith(
        "save my name email and website in this browser for the next time i comment"
    )


def test_form_says_the_email_is_not_published_and_what_the_asterisk_means(reply_form):
    note = text(reply_form.select_one(".comment-form__note"))
    assert "email address will not be published" in note
    assert "Required fields are marked *" in note


# You missed --------------------------------------------------------------------------------


def you_missed_links(doc: BeautifulSoup) -> list[str]:
    return hrefs(doc.select(".you-missed .teaser__title a"))


def test_you_missed_lists_the_four_newest_other_stories(client, newsroom):
    stories = newsroom["stories"]  # newest first
    links = you_missed_links(page(client, stories[0]))
    assert links == [s.get_absolute_url() for s in stories[1:5]]


def test_you_missed_skips_the_current_story_wherever_it_ranks(client, newsroom):
    stories = newsroom["stories"]
    links = you_missed_links(page(client, stories[2]))
    assert links == [s.get_absolute_url() for s in (stories[0], stories[1], stories[3], stories[4])]


def test_you_missed_shows_thumbnail_title_and_date(client, newsroom):
    fresh = factories.article(
        title="Fresh and pictured", featured_image=factories.image(alt="Fresh")
    )
    doc = page(client, newsroom["stories"][0])
    card = doc.select_one(f'.you-missed a[href="{fresh.get_absolute_url()}"]').find_parent(
        "article"
    )
    assert text(card.select_one(".teaser__title")) == "Fresh and pictured"
    assert card.select_one("img")["alt"] == "Fresh"
    assert same_moment(card.select_one("time"), fresh.published_at)


# Translations ----------------------------------------------------------------------------


@pytest.fixture
def translated(newsroom: dict[str, Any]) -> tuple[Article, Article]:
    original = factories.article(title="Chips for everyone", language="en")
    chinese = factories.article(
        title="人人都有芯片",
        language="zh-Hans",
        translation_of=original,
        published_at=ago(minutes=30),
    )
    return original, chinese


def test_original_links_to_its_translation_under_also_in(client, translated):
    original, chinese = translated
    also = page(client, original).select_one(".translations")
    assert text(also).startswith("Also in:")
    link = also.select_one("a")
    assert link["href"] == chinese.get_absolute_url()
    assert link["hreflang"] == "zh-Hans"
    assert text(link)


def test_translation_links_back_to_the_original(client, translated):
    original, chinese = translated
    links = page(client, chinese).select(".translations a")
    assert [(a["href"], a["hreflang"]) for a in links] == [(original.get_absolute_url(), "en")]


def test_head_lists_hreflang_alternates_for_every_language(client, translated):
    original, chinese = translated
    alternates = page(client, original).select('head link[rel="alternate"][hreflang]')
    found = {(link["hreflang"], link["href"]) for link in alternates}
    assert found == {
        ("en", f"http://testserver{original.get_absolute_url()}"),
        ("zh-Hans", f"http://testserver{chinese.get_absolute_url()}"),
    }


def test_untranslated_article_has_no_also_in_line_nor_alternates(client, newsroom):
    doc = page(client, newsroom["stories"][0])
    assert doc.select(".translations") == []
    assert doc.select('head link[rel="alternate"][hreflang]') == []


def test_unpublished_translation_is_not_offered(client, translated):
    original, chinese = translated
    services.unpublish_article(article=chinese)
    doc = page(client, original)
    assert doc.select(".translations") == []
    assert doc.select('head link[rel="alternate"][hreflang]') == []
