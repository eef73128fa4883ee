"""/robots.txt lets crawlers read every page readers see and points them to the sitemaps."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def robots(client, **extra) -> list[str]:
    response = client.get("/robots.txt", **extra)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return response.content.decode().splitlines()


def rules(lines: list[str], field: str) -> list[str]:
    return [line.split(":", 1)[1].strip() for line in lines if line.startswith(f"{field}:")]


def test_one_group_applies_to_every_crawler(client):
    lines = robots(client)
    assert lines[0] == "User-agent: *"
    assert rules(lines, "User-agent") == ["*"]


def test_the_back_office_and_the_per_comment_reply_copies_are_not_crawled(client):
    assert set(rules(robots(client), "Disallow")) == {
        "/admin/",
        "/*replytocom=",
        "/healthz",
        "/readyz",
    }


@pytest.mark.parametrize(
    "path", ["/", "/search/", "/media/", "/static/", "/feed/", "/category/", "/comments/"]
)
def test_pages_readers_see_stay_open_to_crawlers(client, path):
    """Search pages stay open too: their noindex is only obeyed by a crawler that reads it."""
    disallowed = rules(robots(client), "Disallow")
    assert not any(path.startswith(rule) for rule in disallowed if "*" not in rule)
    assert "/" not in disallowed


def test_the_sitemaps_are_named_by_absolute_url_on_the_host_asked(client, newsroom, settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    lines = robots(client, HTTP_HOST="news.example.org", secure=True)
    assert rules(lines, "Sitemap") == [
        "https://news.example.org/sitemap.xml",
        "https://news.example.org/news-sitemap.xml",
    ]
    for url in rules(lines, "Sitemap"):
        path = url.removeprefix("https://news.example.org")
        assert client.get(path, HTTP_HOST="news.example.org", secure=True).status_code == 200
