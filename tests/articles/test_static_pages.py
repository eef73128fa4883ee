"""Static pages live at /<slug>/, rendered from Markdown, never over another route."""

from __future__ import annotations

import pytest

from masthead.articles import services
from masthead.articles.models import Page

pytestmark = pytest.mark.django_db


def test_a_published_page_is_rendered_at_its_slug(client):
    services.save_page(page=Page(title="About us", body="We *report*.", status="published"))
    response = client.get("/about-us/")
    assert response.status_code == 200
    assert "We <em>report</em>." in response.text


def test_a_draft_page_is_not_found(client):
    services.save_page(page=Page(title="Soon", status="draft"))
    assert client.get("/soon/").status_code == 404


@pytest.mark.parametrize("slug", ["search", "feed", "2024"])
def test_a_page_never_takes_a_path_another_route_owns(slug: str):
    page = services.save_page(page=Page(title="x", slug=slug, status="published"))
    assert page.slug == f"{slug}-2"


def test_two_pages_never_share_a_slug():
    services.save_page(page=Page(title="Contact"))
    assert services.save_page(page=Page(title="Contact")).slug == "contact-2"


@pytest.mark.parametrize("path", ["/wp-login.php", "/apple-touch-icon.png", "/robots.php"])
def test_file_like_paths_answer_404_at_once(client, path: str):
    """No redirect to a slashed twin: browsers and bots ask for these on every site."""
    assert client.get(path).status_code == 404
