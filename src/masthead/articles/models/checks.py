"""System checks on what the newsroom's tables hold (run by ``check --database`` and migrate)."""

from __future__ import annotations

from django.core import checks
from django.db import connection

from masthead.articles.models.article import Article
from masthead.core.languages import language_tag

SHOWN = 10  # stored bad tags named one by one; the warning counts the rest


@checks.register(checks.Tags.database)
def bad_language_tags(**kwargs: object) -> list[checks.CheckMessage]:
    """masthead.W005: articles stored with a language that is not a BCP 47 tag.

    Reads the distinct languages only (a handful, however many articles), then counts the
    articles of each bad one.
    """
    # migrate runs the checks before it creates the table.
    if Article._meta.db_table not in connection.introspection.table_names():
        return []
    stored = Article.objects.exclude(language="").values_list("language", flat=True)
    bad = sorted({tag for tag in stored.order_by().distinct() if not _well_formed(tag)})
    return [
        checks.Warning(
            f"{Article.objects.filter(language=tag).count()} article(s) have the language "
            f"{tag!r}, which is not a BCP 47 language tag; the form will ask for a correct "
            "one at their next edit.",
            hint=f"Open the back office's stories list with ?language={tag} and give each "
            "story a tag such as en or en-GB (or none, for the site's language).",
            id="masthead.W005",
        )
        for tag in bad[:SHOWN]
    ] + _more(bad)


def _more(bad: list[str]) -> list[checks.CheckMessage]:
    if len(bad) <= SHOWN:
        return []
    return [
        checks.Warning(f"… and {len(bad) - SHOWN} other bad language tags.", id="masthead.W005")
    ]


def _well_formed(tag: str) -> bool:
    try:
        language_tag(tag)
    except ValueError:
        return False
    return True
