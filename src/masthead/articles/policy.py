"""Who may do what to a story: permissions say which acts, the byline says whose story.

Four permissions carry the newsroom's rules; the roles in ``masthead.backoffice.roles``
bundle them (an Administrator or Editor holds all four, an Author the first three, a
Contributor only the first):

- ``articles.change_article`` (with ``add_article``): write stories, their own;
- ``articles.publish_article``: publish, schedule and unpublish them;
- ``articles.delete_article``: move them to the trash and back;
- ``articles.edit_any_article``: do all that the others allow to colleagues' stories too.

A story is someone's own when they started it or their byline is on it. Someone who may
not publish edits only their own drafts: they submit them for review, and may take one
back from review to work on it again.

``services.save_article`` asks ``rules.refusal`` before every save, so the admin, the API
and the commands all obey these rules; calls with no user (imports, the wire) are the
system's own and always allowed. A worked example, with ``user`` a Contributor whose
draft ``story`` is: ``rules.refusal(user, story, was="draft", now="published")`` answers
"You can't publish stories: submit this one for review and an editor will.", and
``now="review"`` answers "" (they may submit it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from masthead.articles.models import Article, ArticleAuthor

Status = Article.Status
CHANGE, PUBLISH, DELETE, ANY = (
    "articles.change_article",
    "articles.publish_article",
    "articles.delete_article",
    "articles.edit_any_article",
)


class Newsroom:
    """The newsroom's rules for stories; each method answers for one user and one story."""

    # The states in which someone without the right to publish may save their story.
    writer_states = frozenset({Status.DRAFT, Status.REVIEW})
    # Where a writer may take it from there: on to review, or back to draft.
    writer_moves = frozenset({Status.DRAFT, Status.REVIEW})

    def is_own(self, user: Any, article: Article) -> bool:
        """Whether ``user`` started ``article`` or has a byline on it (as stored)."""
        if article.pk is None or article.created_by_id == user.pk:
            return True
        return ArticleAuthor.objects.filter(article=article, author__user=user).exists()

    def may_act(self, user: Any, article: Article, perm: str = CHANGE) -> bool:
        """Whether ``user`` holds ``perm`` for ``article``: on their own, or on any with ANY."""
        if not user.has_perm(perm):
            return False
        return user.has_perm(ANY) or self.is_own(user, article)

    def may_view(self, user: Any, article: Article) -> bool:
        """Whether ``user`` may open ``article`` in the back office and preview it."""
        if not (user.is_active and user.is_staff):
            return False
        if user.has_perm(ANY):
            return True
        return user.has_perm("articles.view_article") and (
            article.status != Status.TRASH or self.is_own(user, article)
        )

    def may_edit(self, user: Any, article: Article) -> bool:
        """Whether ``user`` may save changes to ``article`` as it is stored now."""
        if not self.may_act(user, article):
            return False
        return user.has_perm(PUBLISH) or article.status in self.writer_states

    def may_publish(self, user: Any, article: Article) -> bool:
        """Whether ``user`` may publish, schedule or unpublish ``article``."""
        return self.may_act(user, article, PUBLISH)

    def may_trash(self, user: Any, article: Article) -> bool:
        """Whether ``user`` may move ``article`` to the trash or back."""
        return self.may_act(user, article, DELETE) and (
            article.status != Status.PUBLISHED or self.may_publish(user, article)
        )

    def refusal(
        self,
        user: Any,
        article: Article,
        *,
        was: str | None,
        now: str,
        was_published_at: datetime | None = None,
    ) -> str:
        """Why ``user`` may not save ``article`` from status ``was`` to ``now``; "" if they may.

        ``article`` is the story as stored (its byline and status); ``was`` is None for a
        new story, which is judged as a move from draft: a Contributor's first save may
        submit it for review, not publish it. Moving the time of a published story counts
        as publishing.
        """
        if user is None:
            return ""
        if was is None:
            if not user.has_perm("articles.add_article"):
                return "You can't write stories."
            was = Status.DRAFT
        stored = Article(pk=article.pk, status=was, created_by_id=article.created_by_id)
        if not self.may_act(user, stored):
            return "You can't edit this story: it is a colleague's, and only editors act on those."
        publishing = now == Status.PUBLISHED and (
            was != Status.PUBLISHED or _moved(was_published_at, article.published_at)
        )
        withdrawing = was == Status.PUBLISHED and now not in (Status.PUBLISHED, Status.TRASH)
        if (publishing or withdrawing) and not self.may_publish(user, stored):
            return "You can't publish stories: submit this one for review and an editor will."
        if Status.TRASH in (was, now) and was != now and not self.may_trash(user, stored):
            return "You can't move stories to the trash or out of it."
        if not user.has_perm(PUBLISH) and (
            was not in self.writer_states or now not in self.writer_moves
        ):
            return "You can edit only drafts; this story is past the review stage."
        return ""


rules = Newsroom()


def _moved(before: datetime | None, after: datetime | None) -> bool:
    """Whether a publication time changed; forms keep whole seconds, so those are compared."""
    if before is None or after is None:
        return before is not after
    return before.replace(microsecond=0) != after.replace(microsecond=0)
