"""People in the newsroom: their accounts, the one role each holds, the byline they write under.

A role is one of the four groups of ``masthead.backoffice.roles``; someone holds one or
none, and the back office is open to them (``is_staff``) exactly when they hold one, so
taking someone's role away also closes the back office to them. A superuser keeps the
door open whatever their role. The byline is an ``Author`` profile linked to the account:
a new one made from the person's name, or one that exists without an account (a name
imported from WordPress, say), never one that is someone else's.

``by`` is the user acting (None for the system: commands, migrations); a user must hold
``auth.add_user`` to add people and ``auth.change_user`` to change them, so the back
office, the API and the commands obey the same rule. Example::

    member = add_member(username="ada", email="ada@example.org", role=AUTHOR,
                        name="Ada Lovelace", byline=NEW_BYLINE, by=request.user)
    set_role(user=member, role=EDITOR, by=request.user)
"""

from __future__ import annotations

from typing import Any, Literal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from masthead.articles import services as articles
from masthead.articles.models import Author
from masthead.backoffice import audit, sessions
from masthead.backoffice.roles import ADMINISTRATOR, ROLES
from masthead.core.slugs import make_slug, unique_slug

# ``byline=NEW_BYLINE`` makes a new Author profile with the person's name.
NEW_BYLINE: Literal["new"] = "new"
Byline = Author | Literal["new"] | None


class NotAllowed(PermissionDenied):
    """The acting user may not manage people; ``str(exc)`` says why."""


class BylineTaken(ValidationError):
    """The byline chosen is linked to another account already."""


class UnknownRole(ValidationError):
    """The role named is none of the newsroom's roles."""


class LastAdministrator(ValidationError):
    """The change would leave the newsroom with nobody who can manage people."""


@transaction.atomic
def add_member(
    *,
    username: str,
    email: str,
    role: str | None,
    name: str = "",
    byline: Byline = None,
    password: str | None = None,
    by: Any = None,
) -> User:
    """Create an account in ``role`` with its byline; no ``password`` means none usable yet.

    ``name`` becomes the account's full name and a new byline's display name.
    Invalid fields raise ``ValidationError`` and nothing is saved.
    """
    _require(by, "auth.add_user", "You can't add people to the newsroom.")
    name = " ".join(name.split())
    user = get_user_model()(username=username, email=email)
    user.first_name, _, user.last_name = name.partition(" ")
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    set_role(user=user, role=role, by=by)
    if byline == NEW_BYLINE:
        new_byline(user=user, name=name or username)
    elif byline is not None:
        link_byline(user=user, author=byline, by=by)
    return user


@transaction.atomic
def set_role(*, user: User, role: str | None, by: Any = None) -> User:
    """Give ``user`` exactly ``role`` (or none), opening or closing the back office to match.

    A change of role ends the member's sessions (but the one making the change): they
    sign in again under the new role.
    """
    _require(by, "auth.change_user", "You can't change people's roles.")
    if role is not None and role not in ROLES:
        raise UnknownRole(f"“{role}” is not a role; the roles are {', '.join(ROLES)}.")
    if refusal := role_refusal(user=user, role=role):
        raise LastAdministrator(refusal)
    # Groups that are not roles (made by hand for something else) are left alone. The
    # audit log hears the change from the groups' and the account's signals: tell it who
    # made it (a command has no request to tell it).
    origin = audit.current_origin()
    was = role_of(user) if user.pk else None
    with audit.acting(user=by or origin.user, ip=origin.ip, session=origin.session):
        user.groups.remove(*Group.objects.filter(name__in=ROLES))
        if role is not None:
            user.groups.add(Group.objects.get(name=role))
        if role is not None or not user.is_superuser:
            user.is_staff = role is not None
            user.save(update_fields=["is_staff"])
        if was != role and user.pk:
            sessions.end_sessions(user=user, why="role changed", keep=origin.session)
    _forget_permissions(user)
    return user


def role_of(user: User) -> str | None:
    """The role ``user`` holds, or None; the first by ``ROLES``' order if they hold several."""
    held = {group.name for group in user.groups.all()}
    return next((role for role in ROLES if role in held), None)


def role_refusal(*, user: User, role: str | None) -> str:
    """Why ``user`` may not be given ``role``: it would leave no active administrator; or ""."""
    if role == ADMINISTRATOR or user.pk is None or role_of(user) != ADMINISTRATOR:
        return ""
    others = get_user_model().objects.filter(is_active=True).exclude(pk=user.pk)
    if others.filter(Q(is_superuser=True) | Q(groups__name=ADMINISTRATOR)).exists():
        return ""
    return (
        f"{user.get_username()} is the newsroom's only administrator: make someone else "
        "one first, or nobody could manage people any more."
    )


@transaction.atomic
def new_byline(*, user: User, name: str) -> Author:
    """Make a byline called ``name`` for ``user``, with a slug no other byline has."""
    base = make_slug(name, fallback_prefix="author")
    slug = unique_slug(base, taken=lambda s: Author.objects.filter(slug=s).exists())
    _unlink_others(user, keep=None)
    return articles.save_author(author=Author(name=name, slug=slug, user=user))


@transaction.atomic
def link_byline(*, user: User, author: Author | None, by: Any = None) -> Author | None:
    """Make ``author`` the byline of ``user`` (None: no byline); one byline per person.

    A byline linked to another account is refused with ``BylineTaken``; the one
    ``user`` had before is unlinked (it stays on the stories it signs).
    """
    _require(by, "auth.change_user", "You can't change whose byline is whose.")
    # First, as a person has one byline; a refusal below rolls this back.
    _unlink_others(user, keep=author)
    if author is not None:
        # Conditional, so two people claiming the same free byline cannot both get it.
        claimed = Author.objects.filter(pk=author.pk).filter(Q(user=None) | Q(user=user))
        if not claimed.update(user=user):
            raise BylineTaken(_taken(author))
        author.user = user
    return author


def _taken(author: Author) -> str:
    owner = Author.objects.filter(pk=author.pk).values_list("user__username", flat=True).first()
    return (
        f"The byline “{author.name}” belongs to {owner or 'another account'} already; "
        "a byline is one person's. Pick another or make a new one."
    )


def _unlink_others(user: User, *, keep: Author | None) -> None:
    mine = Author.objects.filter(user=user)
    (mine.exclude(pk=keep.pk) if keep is not None else mine).update(user=None)


def _require(by: Any, perm: str, refusal: str) -> None:
    if by is not None and not by.has_perm(perm):
        raise NotAllowed(refusal)


def _forget_permissions(user: User) -> None:
    """Drop the permissions Django cached on ``user``, so the new role counts at once."""
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)
