"""Changes made to many stories at once: refiling them in a section, adding and removing tags.

Each story is saved on its own through ``save_article``, so the newsroom's rules, the
revision and the signals are those of a save in the story's own form, and a story the
user may not touch is refused without holding back the others:

    outcome = refile_articles(articles=chosen, by=editor, category=world,
                              add_tags=[elections], remove_tags=[draft_tag])
    outcome.changed    # the stories saved
    outcome.unchanged  # already filed so: nothing saved, no revision
    outcome.refused    # (story, why) for each one the rules refused
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from masthead.articles.models import Article, Category, Tag
from masthead.articles.services.stories import EditConflict, NotAllowed, save_article


@dataclass
class Refiled:
    """What ``refile_articles`` did to each story it was given."""

    changed: list[Article] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    refused: list[tuple[Article, str]] = field(default_factory=list)


def refile_articles(
    *,
    articles: Iterable[Article],
    by: Any,
    category: Category | None = None,
    add_tags: Iterable[Tag] = (),
    remove_tags: Iterable[Tag] = (),
) -> Refiled:
    """Move ``articles`` to ``category`` (None: leave it) and add and remove tags.

    A tag both added and removed is added. Each story is saved in a transaction of its
    own; a refusal (``NotAllowed``) or a save that lost a race (``EditConflict``) is
    recorded in ``Refiled.refused`` with its reason, and the other stories go on.
    """
    adding, removing = list(dict.fromkeys(add_tags)), list(dict.fromkeys(remove_tags))
    outcome = Refiled()
    for article in articles:
        before = list(article.tags.all())
        tags = [tag for tag in before if tag not in removing or tag in adding]
        tags += [tag for tag in adding if tag not in tags]
        moves = category is not None and category.pk != article.category_id
        if not moves and {t.pk for t in tags} == {t.pk for t in before}:
            outcome.unchanged.append(article)
            continue
        if moves:
            article.category = category  # type: ignore[assignment]
        try:
            save_article(article=article, by=by, tags=tags)
        except (NotAllowed, EditConflict) as refusal:
            outcome.refused.append((article, str(refusal)))
        else:
            outcome.changed.append(article)
    return outcome
