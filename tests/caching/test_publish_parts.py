"""The pure parts of static publishing: where a page's bytes go, which pages a change touches."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from masthead.caching.publish import files
from masthead.caching.publish.candidates import Candidate, narrowed
from masthead.caching.publish.publisher import sitemap_paths


@pytest.mark.parametrize(
    ("path", "content_type", "expected"),
    [
        ("/", "text/html; charset=utf-8", "index.html"),
        ("/2026/01/02/a-story/", "text/html; charset=utf-8", "2026/01/02/a-story/index.html"),
        ("/tag/caf%C3%A9/", "text/html; charset=utf-8", "tag/café/index.html"),
        ("/feed/", "application/rss+xml; charset=utf-8", "feed/index.rss"),
        ("/feed/atom/", "application/atom+xml; charset=utf-8", "feed/atom/index.atom"),
        ("/feed.json", "application/feed+json", "feed.json"),
        ("/sitemap.xml", "application/xml", "sitemap.xml"),
    ],
)
def test_a_page_is_written_where_nginx_looks_for_it(path, content_type, expected):
    assert files.file_for(path, content_type) == expected


@pytest.mark.parametrize("path", ["/tag/../", "/tag/%2E%2E/", "/a//b/", "/tag/a%00b/", "x/"])
def test_a_path_that_could_leave_the_folder_is_refused(path):
    with pytest.raises(files.UnsafePath):
        files.file_for(path, "text/html")


def test_a_write_replaces_the_file_and_its_gzip_copy_and_a_removal_tidies_up(tmp_path: Path):
    files.write(tmp_path, "a/b/index.html", b"<p>one</p>", gzipped=True)
    assert gzip.decompress((tmp_path / "a/b/index.html.gz").read_bytes()) == b"<p>one</p>"
    assert (tmp_path / "a/b/index.html").stat().st_mode & 0o777 == 0o644
    files.remove(tmp_path, "a/b/index.html")
    assert list(tmp_path.iterdir()) == []


def test_a_narrowed_walk_takes_the_pages_that_showed_a_changed_object(db):
    entries = {
        "/": {"tags": ["home", "a:1", "a:2"], "sha256": "", "file": ""},
        "/2026/01/02/one/": {"tags": ["a:1"], "sha256": "", "file": ""},
        "/2026/01/02/two/": {"tags": ["a:2"], "sha256": "", "file": ""},
        "/tag/x/": {"tags": ["t:1"], "listing": "/tag/x/", "sha256": "", "file": ""},
        "/tag/x/page/2/": {"tags": ["a:1"], "listing": "/tag/x/", "sha256": "", "file": ""},
        "/untagged/": {"tags": [], "sha256": "", "file": ""},
        "/static/site.css": {"sha256": "", "file": ""},
    }
    assert narrowed(entries, ["a:1"]) == [
        Candidate("/"), Candidate("/2026/01/02/one/"), Candidate("/tag/x/", paginated=True),
        Candidate("/untagged/"),
    ]  # fmt: skip


def test_the_sitemap_index_gives_this_sites_plain_sitemaps():
    index = (
        "<sitemapindex><sitemap><loc>https://news.example/sitemap-articles.xml</loc></sitemap>"
        "<sitemap><loc>https://news.example/sitemap-articles.xml?p=2</loc></sitemap>"
        "<sitemap><loc>https://elsewhere.example/sitemap-x.xml</loc></sitemap></sitemapindex>"
    )
    assert sitemap_paths(index, "https://news.example") == ["/sitemap-articles.xml"]
