"""The four roles: what the migrations make is what ``roles.ROLES`` says, and each is described."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from masthead.backoffice import roles
from masthead.backoffice.forms import ROLE_DESCRIPTIONS, role_choices

pytestmark = pytest.mark.django_db


def every_permission() -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.select_related("content_type")
    }


def test_the_migrated_groups_are_the_roles_and_nothing_else_is_called_a_role():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)
    assert list(roles.ROLES) == [roles.ADMINISTRATOR, roles.EDITOR, roles.AUTHOR, roles.CONTRIBUTOR]


@pytest.mark.parametrize("role", list(roles.ROLES))
def test_each_migrated_group_holds_exactly_what_roles_says(role: str):
    """A change to ROLES without a migration carrying it fails here."""
    wanted = roles.resolve(roles.ROLES[role], every_permission())
    assert roles.held(Group.objects.get(name=role)) == wanted


@pytest.mark.parametrize("role", list(roles.ROLES))
def test_every_permission_a_role_names_exists(role: str):
    available = every_permission()
    for name in roles.ROLES[role]:
        assert roles.resolve([name], available), f"{role}: {name} names no permission"


def test_an_administrator_holds_every_permission_there_is():
    assert roles.held(Group.objects.get(name=roles.ADMINISTRATOR)) == every_permission()


def test_the_roles_nest_from_contributor_to_editor():
    """Each role may do all that the one below it may: promoting someone never takes away."""
    held = {role: roles.held(Group.objects.get(name=role)) for role in roles.ROLES}
    assert held[roles.CONTRIBUTOR] < held[roles.AUTHOR]
    assert held[roles.EDITOR] < held[roles.ADMINISTRATOR]
    story_rights = {p for p in held[roles.AUTHOR] if p.startswith("articles.")}
    assert story_rights - held[roles.EDITOR] == set()


def test_only_an_administrator_manages_people():
    for role in roles.ROLES:
        may = {"auth.add_user", "auth.change_user"} <= roles.held(Group.objects.get(name=role))
        assert may == (role == roles.ADMINISTRATOR)


def test_every_role_has_a_one_line_description_and_nothing_else_has_one():
    assert set(ROLE_DESCRIPTIONS) == set(roles.ROLES)
    for role, description in ROLE_DESCRIPTIONS.items():
        assert description, role
        assert "\n" not in description, role
        assert len(description) < 120, role


def test_the_role_choices_show_each_role_with_its_description_and_optionally_none():
    assert role_choices(with_none=False) == [
        (role, f"{role}: {ROLE_DESCRIPTIONS[role]}") for role in roles.ROLES
    ]
    assert role_choices(with_none=True)[-1][0] == ""
