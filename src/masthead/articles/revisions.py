"""A story's revisions: the full snapshot every save stores, and how two of them differ.

``snapshot`` runs inside ``services.save_article``. ``compare`` and the functions it is
made of are pure: they read two revisions (saved or not) and touch no database, so the
history screens and the tests can use them on anything shaped like a ``Revision``::

    >>> old = Revision(title="Chips are scarce", dek="", body="", data={"tags": [[1, "gpus"]]})
    >>> new = Revision(title="Chips are cheap", dek="", body="", data={"tags": [[2, "europe"]]})
    >>> found = compare(old, new)
    >>> found.words[0].runs
    [('equal', 'Chips are '), ('delete', 'scarce'), ('insert', 'cheap')]
    >>> found.changes
    ['Tags: added europe, removed gpus']
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from masthead.articles.models import Article, ArticleAuthor, Author, Revision, Tag
from masthead.core.text import UNSPACED

# A run of the word diff: ("equal" | "insert" | "delete", text).
Run = tuple[str, str]

# A word with the spaces after it is one token; so is each character of a script written
# without spaces, and each mark of punctuation. Joined, the tokens give the text back.
_TOKEN = re.compile(rf"[{UNSPACED}]\s*|\w+\s*|[^\w\s]\s*|\s+")
# Past this many tokens on a side, difflib's "popular token" heuristic is left on: it
# keeps a diff of two very long bodies from taking seconds, at some cost in neatness.
_EXACT_UP_TO = 20_000

# The relations a snapshot names: field, and the attribute its name is read from.
_NAMED = {
    "category": "name",
    "source": "name",
    "featured_image": "alt_text",
    "translation_of": "title",
}


def snapshot(
    *, article: Article, by: Any = None, save: bool = True,
    tags: Sequence[Tag] | None = None, authors: Sequence[Author] | None = None,
) -> Revision:  # fmt: skip
    """Store what ``article`` is now, after a save, as a new revision.

    With ``save=False`` the revision is only made: a bulk writer (the WordPress import)
    keeps a batch of them for ``store_snapshots``. ``tags`` and ``authors``, when the
    caller has just written them as they are (a new story's), are not read back.
    """
    revision = Revision(
        article=article,
        by=by,
        version=article.version,
        title=article.title,
        dek=article.dek,
        body=article.body,
        status=article.status,
        published=article.is_visible,
        data=_relations(article, tags=tags, authors=authors),
    )
    if save:
        revision.save()
    return revision


def store_snapshots(made: Sequence[Revision]) -> None:
    """Insert revisions made by ``snapshot(save=False)``, in one statement.

    No ``post_save`` is sent, so no daily pruning is set off: no page shows revisions.
    """
    Revision.objects.bulk_create(made)


def _relations(
    article: Article, *, tags: Sequence[Tag] | None = None,
    authors: Sequence[Author] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """What the words columns do not hold: relations by id and by name, then plain fields."""
    names = _names(article)
    data: dict[str, Any] = {
        "slug": article.slug,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        **{
            field: [getattr(article, f"{field}_id"), names[field]]
            if getattr(article, f"{field}_id")
            else None
            for field in _NAMED
        },
        # Else fresh queries: a prefetched byline or tag list may predate this save.
        "tags": [[t.pk, t.name] for t in sorted(dict.fromkeys(tags), key=lambda t: t.pk)]
        if tags is not None
        else [[t.pk, t.name] for t in Tag.objects.filter(articles=article).order_by("pk")],
        "authors": [[a.pk, a.name] for a in dict.fromkeys(authors)]
        if authors is not None
        else [
            [link.author_id, link.author.name]
            for link in ArticleAuthor.objects.filter(article=article).select_related("author")
        ],
    }
    for field in _PLAIN:
        data[field] = getattr(article, field)
    return data


def _names(article: Article) -> dict[str, str]:
    """The names of the related rows: from those already loaded, the rest in one query."""
    names, missing = {}, []
    for field, attribute in _NAMED.items():
        if not getattr(article, f"{field}_id"):
            continue
        if Article._meta.get_field(field).is_cached(article):  # type: ignore[union-attr]
            names[field] = str(getattr(getattr(article, field), attribute))
        else:
            missing.append(f"{field}__{attribute}")
    if missing:
        row = Article.objects.filter(pk=article.pk).values(*missing).get()
        names.update({key.split("__")[0]: str(value) for key, value in row.items()})
    return names


# Fields stored as they are, with the label and the way a change to them is told.
_PLAIN = {
    "source_url": "Original article URL",
    "credit_line": "Credit line",
    "language": "Language",
    "is_lead": "Lead story",
    "comments_open": "Comments open",
}

# The text fields a comparison shows word by word, with their labels in the back office.
WORDS = (("title", "Headline"), ("dek", "Standfirst"), ("body", "Body"))


@dataclass(frozen=True)
class WordDiff:
    """One text field of two revisions, as runs of kept, inserted and deleted words."""

    field: str
    label: str
    runs: list[Run]

    @property
    def changed(self) -> bool:
        return any(op != "equal" for op, _ in self.runs)


@dataclass(frozen=True)
class Comparison:
    """How ``newer`` differs from ``older``: the words, then every other change in a line."""

    older: Any
    newer: Any
    words: list[WordDiff]
    changes: list[str]

    @property
    def same(self) -> bool:
        """Whether the two revisions hold the same story (nothing to show)."""
        return not self.changes and not any(diff.changed for diff in self.words)


def compare(older: Any, newer: Any) -> Comparison:
    """Compare two revisions (or anything with their attributes), older first."""
    words = [
        WordDiff(field, label, word_diff(getattr(older, field), getattr(newer, field)))
        for field, label in WORDS
    ]
    return Comparison(older, newer, words, field_changes(older.data, newer.data))


def tokens(text: str) -> list[str]:
    """Split ``text`` into words with their trailing spaces, punctuation and CJK characters."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Run]:
    """The runs that turn ``old`` into ``new``, word by word; deletions before insertions."""
    a, b = tokens(old), tokens(new)
    exact = max(len(a), len(b)) <= _EXACT_UP_TO
    # Words are compared without the spaces after them: the last word of a headline is
    # the same word once more words follow it.
    keys = [token.rstrip(" \t") or token for token in a], [t.rstrip(" \t") or t for t in b]
    matcher = difflib.SequenceMatcher(None, *keys, autojunk=not exact)
    runs: list[Run] = []
    for op, i1, i2, j1, j2 in _slid(matcher.get_opcodes(), *keys):
        if op == "equal":
            runs.extend(_equal_runs(a[i1:i2], b[j1:j2]))
        if op in ("delete", "replace"):
            runs.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            runs.append(("insert", "".join(b[j1:j2])))
    return _merged(runs)


def _equal_runs(old: list[str], new: list[str]) -> Iterator[Run]:
    """Words both sides share, with the spaces after them told apart where they differ."""
    for before, after in zip(old, new, strict=True):
        if before == after:
            yield ("equal", before)
            continue
        word = before.rstrip(" \t")
        yield ("equal", word)
        yield ("delete", before[len(word) :])
        yield ("insert", after[len(word) :])


def _slid(opcodes: list[Any], a: list[str], b: list[str]) -> list[Any]:
    """Move each pure insertion or deletion right until it ends a line, where it can.

    difflib finds *a* shortest diff; of the equally short ones people read best the one
    that adds "A new paragraph.\n\n" whole, not ".\n\nA new paragraph" after a word.
    """
    codes = [list(code) for code in opcodes]
    for k in range(1, len(codes) - 1):
        before, run, after = codes[k - 1], codes[k], codes[k + 1]
        if run[0] not in ("insert", "delete") or before[0] != "equal" or after[0] != "equal":
            continue
        side, lo, hi = (b, 3, 4) if run[0] == "insert" else (a, 1, 2)
        while (
            after[1] < after[2]
            and not side[run[hi] - 1].endswith("\n")
            and side[run[lo]] == side[run[hi]]
        ):
            # One token of the equal run after moves to the equal run before.
            before[2], before[4] = before[2] + 1, before[4] + 1
            run[1:] = [run[1] + 1, run[2] + 1, run[3] + 1, run[4] + 1]
            after[1], after[3] = after[1] + 1, after[3] + 1
    return [tuple(code) for code in codes]


def _merged(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of one kind (difflib splits them around junk tokens)."""
    merged: list[Run] = []
    for op, text in runs:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def field_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Every change besides the words, one line each: "Section: AI → Chips".

    A field one of the two revisions did not record (it predates the field) is not
    reported: nobody changed it, it was not written down.
    """
    lines = []
    for key, describe in _DESCRIBED.items():
        if key in old and key in new and (line := describe(old[key], new[key])):
            lines.append(line)
    return lines


def _one(label: str) -> Callable[[Any, Any], str]:
    """A describer for a relation stored as [id, name] or None; renamed rows are no change."""

    def describe(old: Sequence[Any] | None, new: Sequence[Any] | None) -> str:
        if _id(old) == _id(new):
            return ""
        return f"{label}: {_name(old)} → {_name(new)}"

    return describe


def _plain(label: str) -> Callable[[Any, Any], str]:
    def describe(old: Any, new: Any) -> str:
        if old == new:
            return ""
        return f"{label}: {_shown(old)} → {_shown(new)}"

    return describe


def _tags(old: Sequence[Sequence[Any]], new: Sequence[Sequence[Any]]) -> str:
    before, after = {i: n for i, n in old}, {i: n for i, n in new}
    added = ", ".join(after[i] for i in after if i not in before)
    removed = ", ".join(before[i] for i in before if i not in after)
    parts = [f"added {added}" if added else "", f"removed {removed}" if removed else ""]
    return "Tags: " + ", ".join(p for p in parts if p) if added or removed else ""


def _byline(old: Sequence[Sequence[Any]], new: Sequence[Sequence[Any]]) -> str:
    before, after = [i for i, _ in old], [i for i, _ in new]
    if before == after:
        return ""
    names_before, names_after = ", ".join(n for _, n in old), ", ".join(n for _, n in new)
    if sorted(before) == sorted(after):
        return f"Byline order: {names_before} → {names_after}"
    return f"Byline: {names_before or '(none)'} → {names_after or '(none)'}"


def _when(old: str | None, new: str | None) -> str:
    if old == new:
        return ""
    return f"Publication time: {_moment(old)} → {_moment(new)}"


def _moment(iso: str | None) -> str:
    """A stored time as the newsroom reads it, in the site's time zone."""
    if not iso:
        return "(none)"
    return timezone.localtime(datetime.fromisoformat(iso)).strftime("%Y-%m-%d %H:%M")


def _id(value: Sequence[Any] | None) -> Any:
    return value[0] if value else None


def _name(value: Sequence[Any] | None) -> str:
    return str(value[1]) if value else "(none)"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value) if value not in (None, "") else "(none)"


_DESCRIBED: dict[str, Callable[[Any, Any], str]] = {
    "category": _one("Section"),
    "tags": _tags,
    "authors": _byline,
    "featured_image": _one("Picture"),
    "source": _one("Source"),
    **{field: _plain(label) for field, label in _PLAIN.items()},
    "translation_of": _one("Translation of"),
    "slug": _plain("Slug"),
    "published_at": _when,
}


def state_label(revision: Revision) -> str:
    """The state a revision was saved in, for people: "Published", "In review", …"""
    if revision.status == Article.Status.PUBLISHED and not revision.published:
        return "Scheduled"
    labels = dict(Article.Status.choices)
    return str(labels.get(revision.status, revision.status))
