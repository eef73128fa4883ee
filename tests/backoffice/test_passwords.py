"""Password strength: the People screens refuse short, common and all-digit passwords."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.backoffice.test_people import add_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "says"),
    [
        ("short-pass1", "at least 12 characters"),  # 11 characters
        ("password1234", "too common"),
        ("739184627395", "entirely numeric"),
        ("ada@example.org!", "too similar"),
    ],
)
def test_the_add_screen_refuses_a_weak_password(admin_client: Any, password: str, says: str):
    form = add_form(password1=password, password2=password)
    response = admin_client.post(reverse("admin:auth_user_add"), form)
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not get_user_model().objects.filter(username="ada").exists()


def test_twelve_characters_are_enough(admin_client: Any):
    form = add_form(password1="tidal-basin7", password2="tidal-basin7")
    assert admin_client.post(reverse("admin:auth_user_add"), form).status_code == 302
    assert get_user_model().objects.get(username="ada").check_password("tidal-basin7")


def test_the_password_screen_refuses_a_short_one(admin_client: Any):
    ada = get_user_model().objects.create_user("ada", "ada@example.org", "pw-123456")
    url = reverse("admin:auth_user_password_change", args=[ada.pk])
    form = {"usable_password": "true", "password1": "short-pass1", "password2": "short-pass1"}
    assert "at least 12 characters" in admin_client.post(url, form).content.decode()
