"""Posts, authors and sections land as Masthead content, once, however often imported."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from masthead.articles.models import Article, Author, Category, Revision, Tag
from masthead.ingest.models import ImportedItem
from tests.ingest import wxr

pytestmark = pytest.mark.django_db


def header_and(*items: wxr.Item) -> bytes:
    return wxr.export(*wxr.standard_header(), *items)


@pytest.mark.parametrize(
    ("wp_status", "status"),
    [("publish", "published"), ("future", "published"), ("draft", "draft"),
     ("pending", "review"), ("private", "draft"), ("trash", "trash")],
)  # fmt: skip
def test_every_post_status_maps_to_ours(run_import, wp_status: str, status: str):
    run_import(header_and(wxr.Item(1, status=wp_status, date="2031-01-02 08:00:00")))
    assert Article.objects.get().status == status


def test_a_future_post_is_scheduled_not_visible(run_import):
    run_import(header_and(wxr.Item(1, status="future", date="2031-01-02 08:00:00")))
    article = Article.objects.get()
    assert article.published_at == datetime(2031, 1, 2, 8, tzinfo=UTC)
    assert not article.is_visible


def test_auto_drafts_and_menu_items_are_skipped_with_reasons(run_import):
    summary = run_import(
        header_and(wxr.Item(1, status="auto-draft"), wxr.Item(2, post_type="nav_menu_item"))
    )
    assert not Article.objects.exists()
    assert summary["counts"]["post"]["skipped"] == 1
    assert summary["counts"]["nav_menu_item"]["skipped"] == 1
    assert {p["reason"] for p in summary["problems"]} >= {
        "status 'auto-draft' is not imported", "post type 'nav_menu_item' is not imported",
    }  # fmt: skip


def test_authors_become_bylines_without_accounts(run_import):
    run_import(header_and(wxr.Item(1)))
    author = Author.objects.get()
    assert (author.name, author.slug, author.user) == ("Jane Doe", "jane", None)
    assert Article.objects.get().byline == [author]


def test_an_author_missing_from_the_header_is_made_from_the_login(run_import):
    summary = run_import(header_and(wxr.Item(1, creator="ghost")))
    assert Article.objects.get().byline[0].slug == "ghost"
    assert any("not in the export's author list" in p["reason"] for p in summary["problems"])


def test_a_deep_category_tree_is_flattened_to_one_level(run_import):
    summary = run_import(header_and(wxr.Item(1, categories=[("europe", "Europe")])))
    europe = Category.objects.get(slug="europe")
    assert europe.parent == Category.objects.get(slug="news")
    assert Category.objects.get(slug="world").parent.slug == "news"
    assert Article.objects.get().category == europe
    assert any(p["label"] == "Europe" and "filed under" in p["reason"] for p in summary["problems"])


def test_extra_categories_become_tags_and_tags_are_kept(run_import):
    item = wxr.Item(1, categories=[("news", "News"), ("world", "World")], tags=[("ai", "AI")])
    run_import(header_and(item))
    article = Article.objects.get()
    assert article.category.slug == "news"
    assert sorted(article.tags.values_list("slug", flat=True)) == ["ai", "world"]


def test_a_post_without_category_goes_to_uncategorized(run_import):
    run_import(header_and(wxr.Item(1, categories=[])))
    assert Article.objects.get().category.slug == "uncategorized"


def test_the_same_file_twice_creates_nothing_new(run_import):
    data = header_and(wxr.Item(1, comments=[wxr.Comment(5), wxr.Comment(6, parent=5)]), wxr.Item(2))
    first = run_import(data)
    counts = (Article.objects.count(), Author.objects.count(), Category.objects.count(),
              Tag.objects.count(), Revision.objects.count())  # fmt: skip
    second = run_import(data)
    assert counts == (Article.objects.count(), Author.objects.count(), Category.objects.count(),
                      Tag.objects.count(), Revision.objects.count())  # fmt: skip
    assert first["counts"]["post"]["created"] == 2
    assert second["counts"]["post"] == {"created": 0, "updated": 0, "unchanged": 2, "skipped": 0}
    assert second["counts"]["comment"]["unchanged"] == 2


def test_a_changed_post_is_updated_in_place(run_import):
    run_import(header_and(wxr.Item(1, title="Old title")))
    summary = run_import(header_and(wxr.Item(1, title="New title")))
    assert list(Article.objects.values_list("title", flat=True)) == ["New title"]
    assert summary["counts"]["post"]["updated"] == 1


def test_duplicate_slugs_on_one_day_get_a_suffix_and_a_note(run_import):
    summary = run_import(header_and(wxr.Item(1, slug="same"), wxr.Item(2, slug="same")))
    assert sorted(Article.objects.values_list("slug", flat=True)) == ["same", "same-2"]
    assert any("'same' was taken" in p["reason"] for p in summary["problems"])


def test_an_impossible_date_makes_a_draft_with_a_note(run_import):
    item = wxr.Item(1, title="Leap", date="2019-02-30 10:00:00", date_gmt="2019-02-30 10:00:00")
    data = header_and(item).replace(b"Tue, 05 Mar 2019 10:00:00 +0000", b"not a date")
    summary = run_import(data)
    assert Article.objects.get().status == "draft"
    assert {"label": "Leap", "reason": "no valid date; imported as a draft"}.items() <= next(
        p for p in summary["problems"] if p["label"] == "Leap"
    ).items()


def test_the_local_date_is_used_when_the_utc_one_is_empty(run_import, settings):
    run_import(header_and(wxr.Item(1, date="2019-03-05 10:00:00", date_gmt="0000-00-00 00:00:00")))
    assert Article.objects.get().published_at == datetime(2019, 3, 5, 10, tzinfo=UTC)


def test_unicode_titles_keep_readable_slugs(run_import):
    title = "杭州成为人工智能创新中心 🚀"
    run_import(header_and(wxr.Item(1, title=title, slug="%e6%9d%ad%e5%b7%9e")))
    article = Article.objects.get()
    assert article.title == title
    assert article.slug == "杭州"


def test_published_posts_are_searchable_at_once(run_import, client):
    run_import(header_and(wxr.Item(1, title="Zeppelins return", content="Airships are back.")))
    assert "Zeppelins return" in client.get("/search/", {"q": "airships"}).text


def test_bookkeeping_keeps_the_wordpress_id_and_guid(run_import):
    run_import(header_and(wxr.Item(42)))
    row = ImportedItem.objects.get(kind="post")
    assert (row.key, row.guid, row.object_id) == (
        "42",
        f"{wxr.SITE}/?p=42",
        Article.objects.get().pk,
    )


def test_password_protected_posts_are_never_published(run_import):
    data = header_and(wxr.Item(1, title="Secret")).replace(
        b"<wp:post_parent>", b"<wp:post_password>hunter2</wp:post_password><wp:post_parent>"
    )
    summary = run_import(data)
    assert Article.objects.get().status == "draft"
    assert any("password-protected" in p["reason"] for p in summary["problems"])


def test_a_featured_image_that_never_arrives_is_reported_at_the_end(run_import):
    summary = run_import(header_and(wxr.Item(1, meta={"_thumbnail_id": "77"})))
    assert Article.objects.get().featured_image is None
    assert any("featured image 77 is not in the export" in p["reason"] for p in summary["problems"])
