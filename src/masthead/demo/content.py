"""Read the hand-written demo newsroom from ``content/``: pure parsing, no database.

``newsroom.toml`` holds the site, sections, authors, sources and menu; each file in
``articles/`` is TOML front matter between ``+++`` lines followed by Markdown. The front
matter may end with ``[[comments]]`` tables: the reader discussion under the story, where
``reply_to`` (a 1-based position in that list) makes a comment a reply.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CONTENT_DIR = Path(__file__).parent / "content"
COMMENT_STATUSES = ("approved", "pending", "spam")
# Depth 0 is a comment on the article; the default comment rules allow five levels.
MAX_COMMENT_DEPTH = 4
# Demo addresses must never reach a real mailbox: only reserved names (RFC 2606).
RESERVED_DOMAINS = ("example.com", "example.org", "example.net")


class ContentError(ValueError):
    """A demo content file is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class DemoImage:
    motif: str
    palette: str
    alt: str
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class DemoComment:
    """A reader's comment; ``reply_to`` is the 1-based position of its parent in the list."""

    name: str
    email: str
    body: str
    hours_after: float
    website: str = ""
    status: str = "approved"
    reply_to: int | None = None
    depth: int = 0


@dataclass(frozen=True)
class DemoArticle:
    key: str
    title: str
    body: str
    category: str
    authors: list[str]
    dek: str = ""
    tags: list[str] = field(default_factory=list)
    days_ago: int = 0
    hour: int = 9
    updated_days_ago: int | None = None
    status: str = "published"
    language: str = "en"
    translation_of: str | None = None
    source: str | None = None
    source_url: str = ""
    featured: bool = False
    image: DemoImage | None = None
    comments: list[DemoComment] = field(default_factory=list)


@dataclass(frozen=True)
class Newsroom:
    site: dict[str, Any]
    categories: list[dict[str, Any]]
    authors: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    menu: list[dict[str, Any]]
    articles: list[DemoArticle]


def load_newsroom(folder: Path = CONTENT_DIR) -> Newsroom:
    """Parse the whole demo newsroom in ``folder``."""
    meta = _toml(folder / "newsroom.toml")
    articles = [parse_article(path) for path in sorted((folder / "articles").glob("*.md"))]
    return Newsroom(
        site=meta.get("site", {}),
        categories=meta.get("categories", []),
        authors=meta.get("authors", []),
        sources=meta.get("sources", []),
        menu=meta.get("menu", []),
        articles=articles,
    )


def parse_article(path: Path) -> DemoArticle:
    """Parse one article file: ``+++`` TOML front matter, then the Markdown body."""
    text = path.read_text(encoding="utf-8")
    parts = text.split("+++", 2)
    if len(parts) != 3 or parts[0].strip():
        raise ContentError(f"{path.name}: expected front matter between two '+++' lines at the top")
    try:
        front = tomllib.loads(parts[1])
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path.name}: front matter is not valid TOML: {exc}") from exc
    image = front.pop("image", None)
    comments = _comments(front.pop("comments", []), path.name)
    try:
        article = DemoArticle(
            key=path.stem,
            body=parts[2].strip() + "\n",
            image=DemoImage(**image) if image else None,
            comments=comments,
            **front,
        )
    except TypeError as exc:
        raise ContentError(f"{path.name}: {exc}") from exc
    if comments and (article.status != "published" or article.days_ago < 0):
        raise ContentError(f"{path.name}: only a published, current article can have comments")
    return article


def _comments(tables: Any, filename: str) -> list[DemoComment]:
    if not isinstance(tables, list):
        raise ContentError(f"{filename}: comments must be [[comments]] tables")
    comments: list[DemoComment] = []
    for number, table in enumerate(tables, start=1):
        try:
            comments.append(parse_comment(table, comments))
        except ContentError as exc:
            raise ContentError(f"{filename}: comment {number}: {exc}") from exc
    return comments


def parse_comment(table: Any, earlier: list[DemoComment]) -> DemoComment:
    """Check one ``[[comments]]`` table against the ``earlier`` ones of its article."""
    if not isinstance(table, dict):
        raise ContentError("expected a [[comments]] table")
    known = {"name", "email", "website", "body", "hours_after", "status", "reply_to"}
    if unknown := sorted(set(table) - known):
        raise ContentError(f"unknown field {unknown[0]!r}")
    name, email, body = (_text(table, key) for key in ("name", "email", "body"))
    _check_email(email)
    website = table.get("website", "")
    if website:
        _check_website(website)
    status = table.get("status", "approved")
    if status not in COMMENT_STATUSES:
        raise ContentError(f"status must be one of {', '.join(COMMENT_STATUSES)}, not {status!r}")
    parent = _parent(table.get("reply_to"), earlier)
    hours = _hours(table, earlier, parent)
    return DemoComment(
        name=name, email=email, body=body, hours_after=hours,
        website=website, status=status,
        reply_to=table.get("reply_to"), depth=parent.depth + 1 if parent else 0,
    )  # fmt: skip


def _text(table: dict[str, Any], key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{key} is missing or empty")
    return value.strip()


def _check_email(email: str) -> None:
    domain = email.rpartition("@")[2].lower()
    if "@" not in email or not (domain in RESERVED_DOMAINS or domain.endswith(".example")):
        raise ContentError(
            f"email {email!r} must be on example.com, example.org, example.net or *.example"
        )


def _check_website(website: Any) -> None:
    url = urlsplit(website) if isinstance(website, str) else None
    if (
        not url
        or url.scheme not in ("https", "http")
        or not (url.hostname or "").endswith(".example")
    ):
        raise ContentError(f"website {website!r} must be an http(s) address on a .example domain")


def _parent(reply_to: Any, earlier: list[DemoComment]) -> DemoComment | None:
    if reply_to is None:
        return None
    if not isinstance(reply_to, int) or isinstance(reply_to, bool):
        raise ContentError(f"reply_to must be a comment number, not {reply_to!r}")
    if reply_to < 1:
        raise ContentError(f"reply_to = {reply_to} is not a comment number (they start at 1)")
    if reply_to > len(earlier):
        raise ContentError(
            f"reply_to = {reply_to} points at this or a later comment; "
            "a reply must come after the comment it answers"
        )
    parent = earlier[reply_to - 1]
    if parent.depth >= MAX_COMMENT_DEPTH:
        raise ContentError(
            f"a reply to comment {reply_to} would sit at depth {parent.depth + 1}; "
            f"the deepest is {MAX_COMMENT_DEPTH}"
        )
    return parent


def _hours(table: dict[str, Any], earlier: list[DemoComment], parent: DemoComment | None) -> float:
    """The explicit ``hours_after``, or an hour after the previous comment."""
    if "hours_after" not in table:
        return earlier[-1].hours_after + 1 if earlier else 1.0
    hours = table["hours_after"]
    if isinstance(hours, bool) or not isinstance(hours, int | float) or hours < 0:
        raise ContentError(f"hours_after must be a number of hours from 0 up, not {hours!r}")
    if parent and hours < parent.hours_after:
        raise ContentError("hours_after is earlier than the comment it replies to")
    return float(hours)


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path.name}: not valid TOML: {exc}") from exc
