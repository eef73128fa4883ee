"""Addresses that name nothing answer 404 with a friendly page, never a server error.

The test client re-raises any exception a view lets escape, so a path that would give a
500 fails here with its traceback instead of passing as "some error page".
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import soup

pytestmark = pytest.mark.django_db

LONG = "x" * 3000

UNKNOWN_THINGS = [
    "/2025/01/01/no-such-story/",
    "/category/no-such-section/",
    "/category/ai/no-such-subsection/",
    "/tag/no-such-tag/",
    "/author/no-such-person/",
    "/no-such-page/",
    "/no/such/deep/path/",
]

IMPOSSIBLE_DATES = [
    "/2025/02/30/x/",
    "/2025/02/29/x/",  # 2025 is not a leap year
    "/2025/13/01/x/",
    "/2025/00/10/x/",
    "/2025/04/31/x/",
    "/0000/01/01/x/",
    "/2025/02/30/",
    "/2025/00/10/",
    "/2025/13/01/",
    "/2025/13/",
    "/2025/00/",
    "/0000/",
    "/0000/01/",
    "/0000/01/01/",
]

BAD_PAGES = [
    "/tag/models/page/99/",
    "/tag/models/page/4/",  # ten stories at four a page end on page 3
    "/tag/models/page/0/",
    "/tag/models/page/00/",
    "/tag/models/page/-1/",
    "/tag/models/page/abc/",
    "/tag/models/page/2.5/",
    "/tag/models/page/99999999999999999999999999/",
    "/tag/models/page/",
    "/category/ai/page/0/",
    "/category/ai/page/abc/",
    "/category/ai/page/9/",
    "/author/alice/page/0/",
    "/author/alice/page/abc/",
    "/2024/page/2/",
    "/2024/03/page/abc/",
    "/page/0/",
    "/page/2/",
    "/page/abc/",
]

ODD_PATHS = [
    f"/tag/{LONG}/",
    f"/category/{LONG}/",
    f"/author/{LONG}/",
    f"/2025/01/01/{LONG}/",
    f"/{LONG}/",
    "/tag/%F0%9F%92%A5/",  # an emoji
    "/category/%E4%B8%AD%E6%96%87/",  # Chinese characters
    "/2025/01/01/%E2%80%AE%E2%80%8B/",  # right-to-left override and zero-width space
    "/tag/%FF%FE/",  # not UTF-8 at all
    "/tag/%ED%A0%80/",  # a lone surrogate
    "/tag/%00/",  # a NUL character
    "/2025/01/01/a%00b/",
    "/author/%C0%AF/",  # overlong UTF-8 for "/"
    "/category/..%2F..%2Fetc%2Fpasswd/",
    "/tag/%25/",
    # 2025/01/01 in full-width digits
    "/%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%95/%EF%BC%90%EF%BC%91/%EF%BC%90%EF%BC%91/x/",
    "/%D9%A2%D9%A0%D9%A2%D9%A5/%D9%A0%D9%A1/",  # 2025/01 in Arabic-Indic digits
]


@pytest.fixture
def four_per_page(newsroom: dict[str, Any]) -> None:
    from masthead.articles.models import SiteSettings

    row = SiteSettings.objects.get()
    row.per_page = 4
    row.save()


@pytest.mark.parametrize("path", UNKNOWN_THINGS)
def test_unknown_slug_is_not_found(client, newsroom, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", IMPOSSIBLE_DATES)
def test_impossible_date_is_not_found(client, newsroom, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", BAD_PAGES)
def test_page_past_the_end_or_not_a_page_number_is_not_found(client, four_per_page, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ODD_PATHS, ids=lambda p: p[:40])
def test_overlong_or_odd_unicode_path_is_not_found(client, newsroom, path):
    assert client.get(path).status_code == 404


def test_real_story_under_the_wrong_day_is_not_found(client, newsroom):
    story = newsroom["stories"][0]
    day = story.pub_date
    wrong = f"/{day.year - 1:04d}/{day:%m/%d}/{story.slug}/"
    assert client.get(wrong).status_code == 404


def test_empty_archive_has_no_second_page(client, newsroom):
    from tests import factories

    factories.TagFactory(name="quiet", slug="quiet")
    assert client.get("/tag/quiet/").status_code == 200
    assert client.get("/tag/quiet/page/2/").status_code == 404


# The 404 page itself ------------------------------------------------------------------------


@pytest.fixture
def not_found(client: Any, newsroom: dict[str, Any]) -> Any:
    response = client.get("/2025/02/30/lost/")
    assert response.status_code == 404
    return soup(response)


def test_not_found_page_keeps_the_site_header(not_found):
    brand = not_found.select_one(".site-header .brand")
    assert " ".join(brand.get_text().split()) == "The Test Gazette"


def test_not_found_page_says_what_happened_in_its_heading(not_found):
    headings = not_found.select("h1")
    assert len(headings) == 1
    assert "find" in headings[0].get_text().lower()


def test_not_found_page_links_to_the_front_page(not_found):
    assert not_found.select('main a[href="/"]')


def test_not_found_page_works_before_any_site_settings_exist(client, db):
    """A fresh install with no settings row still renders a friendly 404."""
    response = client.get("/tag/nothing/")
    assert response.status_code == 404
    assert soup(response).select('main a[href="/"]')
