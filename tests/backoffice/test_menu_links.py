"""Menu links: only paths on this site and http(s) addresses, in the form and on the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from masthead.articles.models import MenuItem
from tests.conftest import soup

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_menuitem_add")
UNSAFE = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/",
    "/\\evil.example/",
    "/\t/evil.example/",
    "https:/\\evil.example/",
    "category/ai/",
    "ftp://files.example/",
]
SAFE = [
    "/",
    "/category/ai/",
    "/search/?q=chips#top",
    "https://example.org/a?b=c",
    "http://x.example",
]


def add_item(admin_client: Any, url: str) -> Any:
    return admin_client.post(ADD, {"label": "Trap", "url": url, "position": 1})


@pytest.mark.parametrize("url", UNSAFE)
def test_the_admin_refuses_an_unsafe_link_beside_the_field_and_keeps_the_text(admin_client, url):
    """The form comes back with the message beside the URL field and the editor's text in it."""
    response = add_item(admin_client, url)
    assert response.status_code == 200
    field = soup(response).select_one(".field-url")
    assert "a path on this site" in field.select_one(".errorlist").get_text()
    assert field.select_one("input[name=url]")["value"] == url
    assert not MenuItem.objects.exists()


@pytest.mark.parametrize("url", SAFE)
def test_the_admin_accepts_site_paths_and_web_addresses(admin_client, url):
    assert add_item(admin_client, url).status_code == 302
    assert MenuItem.objects.get().url == url


def test_a_stored_unsafe_link_is_left_out_of_public_pages(client, newsroom):
    """A row written before the check (or behind the form's back) is not shown to readers."""
    MenuItem.objects.create(label="Home", url="/", position=0)
    trap = MenuItem.objects.create(label="Trap", url="/ok/", position=1)
    MenuItem.objects.filter(pk=trap.pk).update(url="javascript:alert(1)")
    page = soup(client.get("/"))
    links = {a.get_text(): a["href"] for a in page.select("nav.site-nav a")}
    assert links.get("Home") == "/"
    assert "Trap" not in links
    assert "javascript:" not in page.decode()


def test_the_system_check_names_stored_unsafe_links(db):
    """``masthead check --database default`` (and every migrate) warns: masthead.W004."""
    item = MenuItem.objects.create(label="Trap", url="/ok/")
    MenuItem.objects.filter(pk=item.pk).update(url="//evil.example/")
    with pytest.raises(SystemCheckError, match=r"masthead\.W004.*Trap"):
        call_command("check", databases=["default"], fail_level="WARNING")
    MenuItem.objects.filter(pk=item.pk).update(url="/fine/")
    call_command("check", databases=["default"], fail_level="WARNING")
