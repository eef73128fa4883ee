"""Read the hand-written demo newsroom from ``content/``: pure parsing, no database.

``newsroom.toml`` holds the site, sections, authors, sources and menu; each file in
``articles/`` is TOML front matter between ``+++`` lines followed by Markdown.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).parent / "content"


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
    try:
        return DemoArticle(
            key=path.stem,
            body=parts[2].strip() + "\n",
            image=DemoImage(**image) if image else None,
            **front,
        )
    except TypeError as exc:
        raise ContentError(f"{path.name}: {exc}") from exc


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path.name}: not valid TOML: {exc}") from exc
