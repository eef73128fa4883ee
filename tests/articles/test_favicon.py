"""The site's icon: ``/favicon.ico`` for every browser, and an SVG icon declared in pages."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.utils.cache import get_max_age
from PIL import Image

from tests.conftest import soup

DAY = 24 * 3600


def test_favicon_ico_is_a_16_and_32_pixel_icon(client: Client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= icon.info["sizes"]
    assert len(response.content) < 8 * 1024


def test_favicon_ico_is_kept_by_browsers_and_proxies(client: Client):
    """Asked for on every first visit: it should come from the browser's cache after that."""
    response = client.get("/favicon.ico")
    assert (get_max_age(response) or 0) >= 7 * DAY
    assert "public" in response["Cache-Control"]


@pytest.mark.django_db
def test_favicon_ico_asks_nothing_of_the_database(client: Client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/favicon.ico").status_code == 200


@pytest.mark.django_db
def test_every_page_declares_the_icons(client: Client, newsroom: Any):
    icons = soup(client.get("/")).select('link[rel="icon"]')
    assert {link.get("type") for link in icons} >= {"image/svg+xml"}
    for link in icons:
        answer = client.get(link["href"])
        assert answer.status_code == 200
        assert answer["Content-Type"].startswith("image/")
