"""Preview links: a signed, expiring address that shows a story not yet public to a reviewer.

A link is a ``PreviewLink`` row and a token signed with the site's secret key that names
the row. Both are checked every time the link is opened (``open_preview_link``): the
signature and its age, then the row, so revoking a link or the story going to the trash
ends it at once, whatever the token says. The token is made from the row alone (its id
and its creation time), so the back office can show a link's address again later.
"""

from __future__ import annotations

from datetime import timedelta
from enum import Enum
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from masthead.articles.models import Article, PreviewLink
from masthead.articles.policy import rules
from masthead.articles.services.stories import NotAllowed
from masthead.core import clock

SALT = "masthead.articles.preview-link"
PERMISSION = "articles.add_previewlink"
# A reviewer's link lasts at most a month: longer, and it outlives anyone's memory of it.
MAX_HOURS = 24 * 30


class Gone(Enum):
    """Why a preview link shows no story; the page says which."""

    INVALID = "invalid"  # tampered with, cut short, or signed with another key
    EXPIRED = "expired"
    REVOKED = "revoked"
    WITHDRAWN = "withdrawn"  # the story went to the trash or was deleted


class LinkSigner(signing.TimestampSigner):
    """A timestamp signer whose time is the link's creation, so one link has one token."""

    def __init__(self, *, at: float | None = None) -> None:
        super().__init__(salt=SALT)
        self.at = at

    def timestamp(self) -> str:
        if self.at is None:
            return super().timestamp()
        return signing.b62_encode(int(self.at))


def create_preview_link(
    *, article: Article, by: Any, note: str = "", hours: int | None = None
) -> tuple[PreviewLink, str]:
    """Give out a reviewer's link to ``article`` for ``hours``; return it and its path.

    ``hours`` defaults to the PREVIEW_LINK_HOURS setting.

    Raises ``NotAllowed`` unless ``by`` may see the story and hand out preview links, and
    for a story that is public already or in the trash. Raises ``ValueError`` for a
    lifetime outside 1 hour to ``MAX_HOURS``.
    """
    _check_allowed(article, by)
    if article.is_visible:
        raise NotAllowed("This story is public already: share its address instead.")
    if article.status == Article.Status.TRASH:
        raise NotAllowed("Stories in the trash can't be previewed by link.")
    hours = settings.PREVIEW_LINK_HOURS if hours is None else hours
    if not 1 <= hours <= MAX_HOURS:
        raise ValueError(f"A preview link lasts from 1 to {MAX_HOURS} hours, not {hours}.")
    # Whole seconds: the token's time has no fraction, and the row must agree with it.
    now = clock.now().replace(microsecond=0)
    with transaction.atomic():
        link = PreviewLink.objects.create(
            article=article,
            note=note.strip(),
            created_at=now,
            created_by=by,
            expires_at=now + timedelta(hours=hours),
        )
    return link, preview_link_path(link)


def revoke_preview_link(*, link: PreviewLink, by: Any) -> PreviewLink:
    """End ``link`` now; a link revoked already keeps its first revocation.

    Raises ``NotAllowed`` unless ``by`` may see the story and hand out preview links.
    """
    _check_allowed(link.article, by)
    with transaction.atomic():
        # The condition keeps the first revocation when two land at once.
        PreviewLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
            revoked_at=clock.now(), revoked_by=by
        )
        link.refresh_from_db(fields=["revoked_at", "revoked_by"])
    return link


def may_share(user: Any, article: Article) -> bool:
    """Whether ``user`` may give out and revoke preview links to ``article``."""
    if not getattr(user, "is_authenticated", False):
        return False  # the system (None) gives out no links: someone must answer for each
    return bool(rules.may_view(user, article) and user.has_perm(PERMISSION))


def preview_link_path(link: PreviewLink) -> str:
    """The path of ``link``'s page (``/preview/link/<token>/``); the same every time."""
    return reverse("articles:preview-link", kwargs={"token": link_token(link)})


def link_token(link: PreviewLink) -> str:
    """The signed token that names ``link``, dated at its creation."""
    return LinkSigner(at=link.created_at.timestamp()).sign_object({"link": link.pk})


def open_preview_link(token: str) -> PreviewLink | Gone:
    """The live link ``token`` names, with its story; else why it shows nothing.

    The signature is checked first (nothing is read for a forged token), then its age
    against the row's lifetime, then the row itself: revoked, expired, story withdrawn.
    """
    pk = _signed_pk(token)
    link = PreviewLink.objects.select_related("article").filter(pk=pk).first() if pk else None
    if link is None:
        return Gone.INVALID
    if link.revoked_at is not None:
        return Gone.REVOKED
    lifetime = (link.expires_at - link.created_at).total_seconds()
    if link.expires_at <= clock.now() or _signed_pk(token, max_age=lifetime) is None:
        return Gone.EXPIRED
    if link.article.status == Article.Status.TRASH:
        return Gone.WITHDRAWN
    return link


def link_state(link: PreviewLink) -> str:
    """The link's state for people: "active", "expired" or "revoked"."""
    if link.revoked_at is not None:
        return "revoked"
    return "expired" if link.expires_at <= clock.now() else "active"


def _signed_pk(token: str, *, max_age: float | None = None) -> int | None:
    """The link id ``token`` carries if its signature holds (and it is young enough)."""
    try:
        payload = LinkSigner().unsign_object(token, max_age=max_age)
    except (signing.BadSignature, ValueError):
        return None
    pk = payload.get("link") if isinstance(payload, dict) else None
    return pk if isinstance(pk, int) and not isinstance(pk, bool) else None


def _check_allowed(article: Article, by: Any) -> None:
    if not may_share(by, article):
        raise NotAllowed("You can't give out or revoke preview links to this story.")
