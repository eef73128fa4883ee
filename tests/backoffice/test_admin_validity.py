"""Every screen of the back office is valid HTML5, as the W3C Nu checker (vnu) sees it.

The screens are those of ``tests/backoffice/screens.py``, which the accessibility test
(axe, in Chromium) goes through too. Nothing is allowed to fail: where Django's own
markup was invalid, Masthead's widgets and forms now give it valid markup.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse

from masthead.core.singleton import SingletonAdmin
from tests.backoffice import screens
from tests.conftest import soup
from tests.site.test_html_validity import validate

pytestmark = [pytest.mark.django_db, pytest.mark.presentation]


@pytest.mark.slow
def test_every_screen_of_the_back_office_has_no_html_errors(tmp_path: Path):
    listed = screens.build()
    pages = {name: screens.fetch(screen) for name, screen in listed.items()}
    # A screen that quietly became a 403, a 404 or a redirect would pass vnu.
    statuses = {name: response.status_code for name, response in pages.items()}
    assert statuses == {name: screen.status for name, screen in listed.items()}
    astray = [
        name
        for name, screen in listed.items()
        if screen.shows and not soup(pages[name]).select_one(screen.shows)
    ]
    assert astray == [], "these screens do not show what they are listed for"
    errors = validate({name: response.content for name, response in pages.items()}, tmp_path)
    assert errors == [], "\n".join(
        f"{Path(e['url']).stem}:{e.get('lastLine')}: {e['message']}" for e in errors
    )


@pytest.mark.slow
def test_every_registered_model_has_its_list_among_the_screens():
    """A model registered in the admin is checked with the rest without anyone listing it."""
    listed = screens.build()
    for model, model_admin in admin.site._registry.items():
        name = f"{model._meta.app_label}-{model._meta.model_name}"
        assert f"{name}-list" in listed, f"{name}'s list is missing from the screens"
        if not isinstance(model_admin, SingletonAdmin):  # which opens its one row instead
            changelist = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
            )
            assert listed[f"{name}-list"].url == changelist
