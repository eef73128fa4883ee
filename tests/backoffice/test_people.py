"""People: adding a member with a role and a byline, changing their role, and the screens."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

import masthead.backoffice.people  # noqa: F401 (registers the people screens, as admin.py will)
from masthead.articles.models import Author
from masthead.backoffice import services
from masthead.backoffice.roles import ADMINISTRATOR, AUTHOR, CONTRIBUTOR, EDITOR
from tests.conftest import soup, text
from tests.factories import AuthorFactory, person

pytestmark = pytest.mark.django_db
User = get_user_model()


def roles_of(user: Any) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


@pytest.fixture
def admin_user() -> Any:
    return person(ADMINISTRATOR, "chief")


@pytest.fixture
def admin_client(client: Any, admin_user: Any) -> Any:
    client.force_login(admin_user)
    return client


# The services


def test_add_member_makes_a_staff_account_in_its_role_with_a_new_byline(admin_user: Any):
    AuthorFactory(name="Ada Lovelace", slug="ada-lovelace")  # an older namesake
    ada = services.add_member(
        username="ada", email="ada@example.org", role=AUTHOR, name="Ada  Lovelace",
        byline=services.NEW_BYLINE, password="a-long-pass-phrase", by=admin_user,
    )  # fmt: skip
    ada.refresh_from_db()
    assert (ada.is_staff, ada.is_superuser, roles_of(ada)) == (True, False, [AUTHOR])
    assert ada.get_full_name() == "Ada Lovelace"
    assert ada.check_password("a-long-pass-phrase")
    assert (ada.author_profile.name, ada.author_profile.slug) == ("Ada Lovelace", "ada-lovelace-2")
    assert ada.has_perm("articles.publish_article")


def test_add_member_without_a_password_leaves_none_usable(admin_user: Any):
    ada = services.add_member(username="ada", email="", role=CONTRIBUTOR, by=admin_user)
    assert not ada.has_usable_password()
    assert not Author.objects.filter(user=ada).exists()


def test_add_member_links_a_byline_without_an_account(admin_user: Any):
    imported = AuthorFactory(name="Wire Desk", slug="wire-desk")
    desk = services.add_member(
        username="desk", email="", role=EDITOR, byline=imported, by=admin_user
    )
    imported.refresh_from_db()
    assert imported.user == desk


def test_a_byline_someone_has_is_refused_and_nothing_is_saved(admin_user: Any):
    bob = person(AUTHOR, "bob", byline=True)
    with pytest.raises(services.BylineTaken, match="belongs to bob already"):
        services.add_member(
            username="eve", email="", role=AUTHOR, byline=bob.author_profile, by=admin_user
        )
    assert not User.objects.filter(username="eve").exists()
    assert Author.objects.get(user=bob) == bob.author_profile


def test_a_taken_username_is_refused_with_a_field_error(admin_user: Any):
    with pytest.raises(ValidationError) as refused:
        services.add_member(username="chief", email="", role=EDITOR, by=admin_user)
    assert "username" in refused.value.message_dict


@pytest.mark.parametrize("role", [EDITOR, AUTHOR, CONTRIBUTOR, None])
def test_only_those_who_manage_people_add_them(role: str | None):
    actor = person(role) if role else User.objects.create_user("nobody", is_staff=True)
    with pytest.raises(services.NotAllowed):
        services.add_member(username="ada", email="", role=ADMINISTRATOR, by=actor)
    assert not User.objects.filter(username="ada").exists()


def test_set_role_keeps_exactly_one_role_and_other_groups(admin_user: Any):
    ada = person(CONTRIBUTOR, "ada")
    desk = Group.objects.create(name="Night desk")
    ada.groups.add(desk)
    services.set_role(user=ada, role=EDITOR, by=admin_user)
    assert roles_of(ada) == [EDITOR, "Night desk"]
    assert ada.has_perm("articles.edit_any_article"), "the new role counts at once"


def test_no_role_closes_the_back_office_except_to_a_superuser(admin_user: Any):
    ada, root = person(EDITOR, "ada"), User.objects.create_superuser("root", "", "pw-123456")
    services.set_role(user=ada, role=None, by=admin_user)
    services.set_role(user=root, role=None, by=admin_user)
    ada.refresh_from_db(), root.refresh_from_db()
    assert (ada.is_staff, roles_of(ada)) == (False, [])
    assert root.is_staff


def test_an_unknown_role_is_refused(admin_user: Any):
    with pytest.raises(services.UnknownRole, match="the roles are Administrator, Editor"):
        services.set_role(user=person(EDITOR), role="Intern", by=admin_user)


def test_the_only_administrator_keeps_the_role(admin_user: Any):
    with pytest.raises(services.LastAdministrator, match="only administrator"):
        services.set_role(user=admin_user, role=EDITOR, by=admin_user)
    person(ADMINISTRATOR, "deputy")
    services.set_role(user=admin_user, role=EDITOR, by=admin_user)
    assert roles_of(admin_user) == [EDITOR]


def test_linking_another_byline_unlinks_the_old_one(admin_user: Any):
    ada = person(AUTHOR, "ada", byline=True)
    old, new = ada.author_profile, AuthorFactory(name="A. L.", slug="al")
    services.link_byline(user=ada, author=new, by=admin_user)
    old.refresh_from_db(), new.refresh_from_db()
    assert (old.user, new.user) == (None, ada)
    services.link_byline(user=ada, author=None, by=admin_user)
    assert not Author.objects.filter(user=ada).exists()


def test_an_editor_may_not_change_roles():
    editor, ada = person(EDITOR), person(CONTRIBUTOR, "ada")
    with pytest.raises(services.NotAllowed, match="roles"):
        services.set_role(user=ada, role=EDITOR, by=editor)
    assert roles_of(ada) == [CONTRIBUTOR]


# The screens


def add_form(**fields: Any) -> dict[str, Any]:
    return {
        "username": "ada", "email": "ada@example.org", "name": "Ada Lovelace",
        "role": AUTHOR, "usable_password": "true", "password1": "a-long-pass-phrase",
        "password2": "a-long-pass-phrase", "byline": "new", "author": "", **fields,
    }  # fmt: skip


def test_the_add_screen_asks_role_password_and_byline_in_one_form(admin_client: Any):
    page = soup(admin_client.get(reverse("admin:auth_user_add")))
    labels = [text(label) for label in page.select("#id_role label")]
    assert labels[0].startswith("Administrator: everything")
    assert len(labels) == 4
    assert page.select_one("input[name=usable_password][value=false]")
    assert [i["value"] for i in page.select("input[name=byline]")] == ["new", "existing", "none"]


def test_role_and_byline_choices_are_the_admins_radio_lists(admin_client: Any):
    """Django's "radiolist" lets a choice's words run the row's width, not a label's 160 px."""
    ada = person(CONTRIBUTOR, "ada")
    adding = soup(admin_client.get(reverse("admin:auth_user_add")))
    changing = soup(admin_client.get(reverse("admin:auth_user_change", args=[ada.pk])))
    for group in [adding.select_one("#id_role"), adding.select_one("#id_byline"),
                  changing.select_one("#id_role")]:  # fmt: skip
        assert "radiolist" in group["class"]


def test_adding_someone_in_the_admin_sets_role_staff_and_byline(admin_client: Any):
    response = admin_client.post(reverse("admin:auth_user_add"), add_form())
    assert response.status_code == 302, text(soup(response).select_one(".errornote") or "")
    ada = User.objects.get(username="ada")
    assert (ada.is_staff, roles_of(ada), ada.author_profile.name) == (
        True, [AUTHOR], "Ada Lovelace"
    )  # fmt: skip
    assert response["Location"] == reverse("admin:auth_user_change", args=[ada.pk])


def test_adding_with_no_password_and_an_existing_byline(admin_client: Any):
    imported = AuthorFactory(name="Old Columnist", slug="old-columnist")
    form = add_form(usable_password="false", password1="", password2="")
    response = admin_client.post(
        reverse("admin:auth_user_add"), {**form, "byline": "existing", "author": imported.pk}
    )
    assert response.status_code == 302
    ada = User.objects.get(username="ada")
    assert not ada.has_usable_password()
    assert ada.author_profile == imported


def test_the_add_screen_offers_only_bylines_without_an_account(admin_client: Any):
    person(AUTHOR, "bob", byline=True)
    free = AuthorFactory(name="Free Byline", slug="free")
    page = soup(admin_client.get(reverse("admin:auth_user_add")))
    offered = [o["value"] for o in page.select("#id_author option") if o["value"]]
    assert offered == [str(free.pk)]


def test_a_forged_post_linking_a_colleagues_byline_is_refused(admin_client: Any):
    bob = person(AUTHOR, "bob", byline=True)
    form = add_form(byline="existing", author=bob.author_profile.pk)
    response = admin_client.post(reverse("admin:auth_user_add"), form)
    assert response.status_code == 200
    assert "Select a valid choice" in text(soup(response).select_one(".field-author"))
    assert not User.objects.filter(username="ada").exists()


def test_a_new_byline_needs_a_name(admin_client: Any):
    response = admin_client.post(reverse("admin:auth_user_add"), add_form(name=""))
    assert "needs the name" in text(soup(response).select_one(".field-name"))
    assert not User.objects.filter(username="ada").exists()


def test_the_change_screen_changes_the_role_and_the_byline(admin_client: Any):
    ada = person(CONTRIBUTOR, "ada", byline=True)
    new = AuthorFactory(name="Ada L.", slug="ada-l")
    page = soup(admin_client.get(reverse("admin:auth_user_change", args=[ada.pk])))
    assert page.select_one("input[name=role][value=Contributor]").has_attr("checked")
    assert page.select_one("#id_author option[selected]")["value"] == str(ada.author_profile.pk)
    form = {
        "username": "ada", "first_name": "Ada", "last_name": "", "email": "",
        "is_active": "on", "role": EDITOR, "author": new.pk,
    }  # fmt: skip
    response = admin_client.post(reverse("admin:auth_user_change", args=[ada.pk]), form)
    assert response.status_code == 302, text(soup(response).select_one("form"))
    ada.refresh_from_db()
    assert (roles_of(ada), ada.is_staff, ada.author_profile) == ([EDITOR], True, new)
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[ada.pk]), {**form, "role": "", "author": ""}
    )
    ada.refresh_from_db()
    assert (roles_of(ada), ada.is_staff, Author.objects.filter(user=ada).exists()) == (
        [], False, False
    )  # fmt: skip


def test_the_only_administrator_cannot_demote_or_deactivate_themselves(
    admin_client: Any, admin_user: Any
):
    url = reverse("admin:auth_user_change", args=[admin_user.pk])
    form = {"username": "chief", "is_active": "on", "role": EDITOR, "author": ""}
    assert "only administrator" in text(
        soup(admin_client.post(url, form)).select_one(".field-role")
    )
    form = {**form, "role": ADMINISTRATOR, "is_active": ""}
    refused = soup(admin_client.post(url, form)).select_one(".field-is_active")
    assert "only administrator stays active" in text(refused)
    admin_user.refresh_from_db()
    assert (roles_of(admin_user), admin_user.is_active) == ([ADMINISTRATOR], True)


def test_the_list_shows_name_role_and_byline_and_filters_by_role(admin_client: Any):
    person(AUTHOR, "ada", byline=True, first_name="Ada", last_name="Lovelace")
    person(CONTRIBUTOR, "cy")
    page = soup(admin_client.get(reverse("admin:auth_user_changelist"), {"role": AUTHOR}))
    rows = page.select("#result_list tbody tr")
    assert [[text(cell) for cell in row.select("td, th")[1:]] for row in rows] == [
        ["Ada Lovelace", "ada", "Author", "Ada", "", "-", ""]
    ]
    assert rows[0].select_one(".field-two_factor_on img")["alt"] == "False"
    assert rows[0].select_one(".field-is_active img")["alt"] == "True"
    unroled = soup(admin_client.get(reverse("admin:auth_user_changelist"), {"role": "none"}))
    assert not unroled.select("#result_list tbody tr")


def test_the_password_screen_still_works(admin_client: Any):
    ada = person(AUTHOR, "ada")
    url = reverse("admin:auth_user_password_change", args=[ada.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "usable_password": "true",
            "password1": "n3w-pass-phrase!",
            "password2": "n3w-pass-phrase!",
        },
    )
    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.check_password("n3w-pass-phrase!")


@pytest.mark.parametrize("role", [EDITOR, AUTHOR, CONTRIBUTOR])
def test_the_people_screens_are_closed_to_everyone_but_administrators(client: Any, role: str):
    client.force_login(person(role))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_user_add")).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:auth_user_changelist") not in index
