"""``masthead publish-static``: the site as files, and later runs that rewrite only changes."""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from masthead.articles import services
from masthead.caching.publish.manifest import Manifest
from masthead.caching.publish.publisher import Publisher
from masthead.caching.publish.render import publishing_settings
from masthead.core import clock
from tests.conftest import edit_site

pytestmark = pytest.mark.django_db
SITE = "http://localhost:8000"


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The static files, collected and hashed once for the module (it takes seconds)."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root), publishing_settings():
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture(autouse=True)
def _static_root(settings: Any, collected: Path) -> None:
    settings.STATIC_ROOT = collected
    settings.SITE_URL = SITE


@pytest.fixture(autouse=True)
def _still_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """One time for the whole test unless it moves it: the news sitemap follows the clock."""
    now = clock.now()
    monkeypatch.setattr(clock, "now", lambda: now)


def publish(folder: Path, *args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("publish-static", str(folder), "--skip-collectstatic", "--json", *args,
                 stdout=out)  # fmt: skip
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Each file's inode (a rewrite renames a new one in) and bytes."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file() and ".masthead" not in p.parts and "static" not in p.parts
    }


def app_page(path: str) -> bytes:
    with publishing_settings():
        response = Client().get(path, HTTP_HOST="localhost:8000")
    assert response.status_code == 200, path
    return response.content


@pytest.fixture
def site(newsroom: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    folder = tmp_path / "public"
    return {**newsroom, "folder": folder, "first": publish(folder)}


def test_the_first_run_writes_pages_archives_feeds_sitemaps_and_assets(site):
    folder, story = site["folder"], site["stories"][0]
    assert site["first"]["failed"] == 0
    assert site["first"]["unchanged"] == 0
    article = story.get_absolute_url().strip("/")
    day = story.pub_date
    for name in (
        "index.html", "index.html.gz", f"{article}/index.html", f"{article}/feed/index.rss",
        "category/ai/index.html", "category/ai/feed/index.rss", "category/ai/feed.json",
        "tag/models/index.html", "author/alice/index.html", "author/alice/feed/atom/index.atom",
        f"{day:%Y}/index.html", f"{day:%Y/%m}/index.html", f"{day:%Y/%m/%d}/index.html",
        "feed/index.rss", "feed/atom/index.atom", "feed.json", "sitemap.xml",
        "sitemap-articles.xml", "news-sitemap.xml", "robots.txt", "favicon.ico", "404.html",
        ".masthead/headers.conf", ".masthead/manifest.json",
    ):  # fmt: skip
        assert (folder / name).is_file(), name
    assert any((folder / "static").rglob("*.css"))
    assert (folder / "media").is_symlink()


def test_published_pages_are_the_bytes_the_app_answers(site):
    folder, story = site["folder"], site["stories"][0]
    for path in ("/", story.get_absolute_url(), "/category/ai/", "/tag/models/", "/feed/"):
        name = "index.rss" if path.endswith("/feed/") else "index.html"
        assert (folder / path.lstrip("/") / name).read_bytes() == app_page(path), path
    assert b'href="/static/' in (folder / "index.html").read_bytes()
    for stylesheet in Path(folder / "index.html").read_text().split('href="/static/')[1:]:
        assert (folder / "static" / stylesheet.split('"')[0]).is_file()


def test_a_second_run_writes_nothing(site):
    before = snapshot(site["folder"])
    again = publish(site["folder"])
    assert (again["written"], again["deleted"], again["failed"]) == (0, 0, 0)
    assert again["unchanged"] == site["first"]["written"]
    assert snapshot(site["folder"]) == before


def test_a_run_a_second_later_writes_nothing(site, monkeypatch):
    """No page follows the clock: the comment form fetches its stamp when it is used."""
    then = clock.now() + timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: then)
    again = publish(site["folder"])
    assert (again["written"], again["deleted"], again["failed"]) == (0, 0, 0)


def test_a_run_a_day_later_rewrites_only_the_news_sitemap(site, monkeypatch):
    """The news sitemap lists two days of stories; article pages stay the same files."""
    before = snapshot(site["folder"])
    then = clock.now() + timedelta(days=1, seconds=1)
    monkeypatch.setattr(clock, "now", lambda: then)
    again = publish(site["folder"])
    after = snapshot(site["folder"])
    assert (again["written"], again["failed"]) == (1, 0)
    assert {name for name in after if after[name] != before.get(name)} <= {
        "news-sitemap.xml",
        "news-sitemap.xml.gz",
    }
    article = site["stories"][0].get_absolute_url().strip("/") + "/index.html"
    assert after[article] == before[article]


def test_an_edit_rewrites_exactly_the_pages_that_show_the_story(site):
    folder, story = site["folder"], site["stories"][4]
    before = snapshot(folder)
    story.title = "A headline nobody had seen"
    services.save_article(article=story)
    result = publish(folder)
    after = snapshot(folder)
    replaced = {name for name in after if after[name][0] != before.get(name, (None,))[0]}
    changed = {name for name in after if after[name][1] != before.get(name, (None, None))[1]}
    assert replaced == changed  # no file rewritten with the bytes it had
    assert result["written"] == len({n for n in replaced if not n.endswith(".gz")})
    url = story.get_absolute_url().strip("/")
    assert {
        f"{url}/index.html",
        "index.html",
        "feed/index.rss",
        "tag/models/index.html",
    } <= replaced
    # A changed page shows the story (its headline or address), or is another story whose
    # related list the edit rebuilt, or the sitemap index (its sitemap's newer date).
    for name in {n for n in replaced if not n.endswith(".gz")}:
        body = after[name][1]
        shows = b"A headline nobody had seen" in body or url.encode() in body
        related = re.fullmatch(r"\d{4}/\d\d/\d\d/[^/]+/index\.html", name)
        assert shows or related or name == "sitemap.xml", name
    untouched = {n for n in after if "story-number-1/" in n or n.startswith("author/")}
    assert untouched - replaced  # pages elsewhere on the site were left alone


def test_an_unpublished_story_loses_its_files(site):
    folder, story = site["folder"], site["stories"][2]
    page = folder / story.get_absolute_url().lstrip("/")
    assert (page / "index.html").exists()
    services.unpublish_article(article=story)
    result = publish(folder)
    assert result["deleted"] >= 2  # the page, its comment feed
    assert not page.exists()
    assert story.get_absolute_url() not in Manifest.load(folder).entries
    assert b"Story number 2" not in (folder / "index.html").read_bytes()


def test_a_listing_that_gets_shorter_loses_its_last_page(newsroom, tmp_path):
    edit_site(per_page=4)
    folder = tmp_path / "public"
    publish(folder)
    assert (folder / "author/alice/page/2/index.html").exists()
    for story in newsroom["stories"][:5]:
        services.unpublish_article(article=story)
    publish(folder)
    assert (folder / "author/alice/index.html").exists()
    assert not (folder / "author/alice/page/2").exists()


def test_an_interrupted_run_carries_on_where_it_stopped(newsroom, tmp_path):
    folder = tmp_path / "public"
    steps = Publisher(folder, site_url=SITE, collect=False).steps()
    # Count the steps, not what the manifest on disk holds: it is saved every 2 s, and a
    # quiet machine renders the whole site sooner.
    while (step := next(steps)).stage != "pages" or step.done < 5:
        pass
    assert step.total > 8
    for _ in range(3):
        next(steps)
    steps.close()  # what Ctrl-C between pages does
    assert not Manifest.load(folder).finished
    carried_on = publish(folder)
    assert carried_on["resumed"] is True
    assert carried_on["finished"] is True
    fresh = publish(tmp_path / "fresh")
    assert carried_on["written"] + carried_on["unchanged"] < fresh["written"]
    assert sorted(snapshot(folder)) == sorted(snapshot(tmp_path / "fresh"))


def test_a_narrowed_run_after_a_change_leaves_the_folder_as_a_full_one_would(site, tmp_path):
    story = site["stories"][5]
    story.title = "Renamed for the narrowed run"
    services.save_article(article=story)
    # What an edit in place purges (caching.changes.article_saved): the story, sitemaps
    # and comment feeds.
    narrowed = publish(site["folder"], "--changed", f"a:{story.pk}", "sitemaps", "comments")
    assert narrowed["failed"] == 0
    publish(tmp_path / "full")
    published = {n: b for n, (_, b) in snapshot(site["folder"]).items()}
    assert published == {n: b for n, (_, b) in snapshot(tmp_path / "full").items()}


def test_the_summary_says_what_was_done(site):
    out = io.StringIO()
    call_command("publish-static", str(site["folder"]), "--skip-collectstatic", stdout=out)
    assert "Wrote 0 files, left" in out.getvalue()
    assert "deleted 0" in out.getvalue()


@pytest.mark.parametrize(
    ("folder", "message"),
    [
        ("/proc", "is not writable"),
        ("/proc/masthead-publish", "Cannot make"),
        ("/no/such/place/public", "does not exist"),
        ("/etc/hostname", "is a file"),
    ],
)
def test_a_folder_that_cannot_be_written_is_refused_clearly(db, folder, message):
    with pytest.raises(CommandError, match=message):
        call_command("publish-static", folder, "--skip-collectstatic")
