"""``masthead import wordpress``: summaries, bad files, and carrying on after a stop."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from masthead.articles.models import Article
from masthead.comments.models import Comment
from masthead.discovery.models import RelatedLink, SearchEntry
from masthead.discovery.search.backends import get_backend
from masthead.discovery.search.query import SearchQuery
from masthead.ingest.wordpress import mapper
from tests.ingest import wxr

pytestmark = pytest.mark.django_db


def five_posts() -> bytes:
    """Five posts, each with a comment and a reply to it."""

    def thread(i: int) -> list[wxr.Comment]:
        return [wxr.Comment(i * 10), wxr.Comment(i * 10 + 1, parent=i * 10)]

    posts = [wxr.Item(i, title=f"Post {i}", comments=thread(i)) for i in range(1, 6)]
    return wxr.export(*wxr.standard_header(), *posts)


def test_the_summary_counts_what_was_done_and_why(tmp_path: Path):
    path = tmp_path / "export.xml"
    path.write_bytes(
        wxr.export(*wxr.standard_header(), wxr.Item(1), wxr.Item(2, status="auto-draft"))
    )
    out = StringIO()
    call_command("import", "wordpress", str(path), stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "Read 2 items from https://old.example" in text
    assert "post                  1          0          0          1" in text
    assert "1 × post: status 'auto-draft' is not imported (skipped)" in text


def test_problems_are_told_as_they_happen_with_title_and_position(tmp_path: Path):
    path = tmp_path / "export.xml"
    path.write_bytes(
        wxr.export(*wxr.standard_header(), wxr.Item(1, title="Lonely", creator="ghost"))
    )
    err = StringIO()
    call_command("import", "wordpress", str(path), stdout=StringIO(), stderr=err)
    assert "author" in err.getvalue()
    assert "«ghost»" in err.getvalue()
    assert "used by «Lonely»" in err.getvalue()


def test_an_import_stopped_halfway_carries_on_to_the_right_counts(run_import, monkeypatch):
    real = mapper.import_comments

    def killed_on_post_3(item, article, **kwargs):
        if item.wp_id == 3:
            raise KeyboardInterrupt
        real(item, article, **kwargs)

    monkeypatch.setattr(mapper, "import_comments", killed_on_post_3)
    with pytest.raises(CommandError) as stopped:
        run_import(five_posts())
    assert stopped.value.returncode == 130
    # Post 3 was being written when it stopped: none of it is kept, not even the article.
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Post 1", "Post 2"]
    monkeypatch.setattr(mapper, "import_comments", real)
    summary = run_import(five_posts())
    assert Article.objects.count() == 5
    assert Comment.objects.count() == 10
    assert summary["counts"]["post"] == {"created": 3, "updated": 0, "unchanged": 2, "skipped": 0}


def test_malformed_xml_stops_with_the_line_and_keeps_the_items_before(run_import):
    broken = five_posts().replace(b"<wp:post_id>4</wp:post_id>", b"<wp:post_id>4</wp:postid>")
    with pytest.raises(CommandError, match=r"line \d+: the file is not well-formed XML"):
        run_import(broken)
    assert Article.objects.count() == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (wxr.export(wxr.Item(1), version="2.0"), "unknown WXR version 2.0"),
        (wxr.export(wxr.Item(1), namespace="urn:nope"), "not a WordPress export"),
    ],
)
def test_files_of_the_wrong_kind_are_refused_before_anything_is_written(run_import, data, message):
    with pytest.raises(CommandError, match=message):
        run_import(data)
    assert not Article.objects.exists()


def test_a_missing_file_or_uploads_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import", "wordpress", str(tmp_path / "nope.xml"))
    path = tmp_path / "export.xml"
    path.write_bytes(wxr.export())
    with pytest.raises(CommandError, match="no such folder"):
        call_command("import", "wordpress", str(path), "--uploads", str(tmp_path / "nope"))


def test_a_bulk_import_rebuilds_search_and_related_lists_once_at_the_end(run_import):
    posts = [wxr.Item(i, title=f"Barn owls nest early at farm {i}",
                      content="Barn owls nested early across the valley farms this spring.")
             for i in range(1, 4)]  # fmt: skip
    summary = run_import(wxr.export(*wxr.standard_header(), *posts), "--bulk")
    assert summary["counts"]["post"]["created"] == 3
    assert summary["rebuild_seconds"] >= 0
    assert get_backend().search(SearchQuery("owls")).total == 3
    assert RelatedLink.objects.filter(source__title="Barn owls nest early at farm 1").count() == 2


def test_a_stopped_bulk_import_says_the_rebuild_comes_at_the_end(run_import, monkeypatch):
    def killed(item, article, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(mapper, "import_comments", killed)
    with pytest.raises(CommandError, match="rebuilt when it ends"):
        run_import(five_posts(), "--bulk")
    assert not SearchEntry.objects.exists()
