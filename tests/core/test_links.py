"""``core.links.reverse``: Django's ``reverse`` with a memo keyed by all it depends on."""

from __future__ import annotations

from unittest import mock

import django.urls
import pytest
from django.template import Context, Template
from django.test.utils import override_settings
from django.urls import NoReverseMatch, set_script_prefix

from masthead.core import links


@pytest.fixture(autouse=True)
def empty_memo():
    links._reversed.cache_clear()
    yield
    set_script_prefix("/")


def test_gives_what_django_gives():
    kwargs = {"year": "2026", "month": "03", "day": "09", "slug": "the-vote"}
    assert links.reverse("articles:article", **kwargs) == django.urls.reverse(
        "articles:article", kwargs=kwargs
    )
    assert links.reverse("articles:tag", slug="water") == "/tag/water/"
    assert links.reverse("discovery:search") == django.urls.reverse("discovery:search")


def test_an_address_is_worked_out_once():
    with mock.patch.object(links, "django_reverse", wraps=django.urls.reverse) as worked:
        for _ in range(3):
            assert links.reverse("articles:tag", slug="water") == "/tag/water/"
        links.reverse("articles:tag", slug="energy")
    assert worked.call_count == 2


def test_the_script_prefix_is_part_of_the_key():
    assert links.reverse("articles:tag", slug="water") == "/tag/water/"
    set_script_prefix("/news/")
    assert links.reverse("articles:tag", slug="water") == "/news/tag/water/"
    set_script_prefix("/")
    assert links.reverse("articles:tag", slug="water") == "/tag/water/"


def test_another_urlconf_empties_the_memo():
    links.reverse("articles:tag", slug="water")
    with (
        override_settings(ROOT_URLCONF="tests.core.urls_without_tags"),
        pytest.raises(NoReverseMatch),
    ):
        links.reverse("articles:tag", slug="water")
    assert links.reverse("articles:tag", slug="water") == "/tag/water/"


def test_a_name_that_does_not_exist_is_not_remembered():
    with pytest.raises(NoReverseMatch):
        links.reverse("articles:nothing-here", slug="x")
    assert links._reversed.cache_info().currsize == 0


def test_the_link_tag_prints_what_the_url_tag_prints():
    page = Template(
        "{% load links %}{% link 'comments:post' article_id=7 %} {% url 'comments:post' 7 %}"
    )
    mine, django_s = page.render(Context()).split()
    assert mine == django_s == "/comments/post/7/"
