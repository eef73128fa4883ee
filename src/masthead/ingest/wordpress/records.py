"""What a WordPress export holds, as plain dataclasses: the parser's output, the mapper's input.

Values are kept as WordPress wrote them (strings, with dates still unparsed text) except
where the parser can decide something without a database: ids become ints, and problems
it meets are attached to the record as ``notes`` rather than raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Position:
    """Where a record starts in the file: its ordinal among items and its line."""

    index: int
    line: int

    def __str__(self) -> str:
        return f"#{self.index} (line {self.line})"


@dataclass(frozen=True)
class Channel:
    """The export's header: which site, which WXR version."""

    title: str
    link: str
    base_site_url: str
    base_blog_url: str
    version: str


@dataclass(frozen=True)
class WpAuthor:
    """A ``<wp:author>``: a WordPress user who wrote something."""

    login: str
    display_name: str
    email: str
    first_name: str
    last_name: str
    wp_id: int | None
    position: Position


@dataclass(frozen=True)
class WpTerm:
    """A ``<wp:category>`` or ``<wp:tag>`` (``taxonomy`` is ``category`` or ``post_tag``)."""

    taxonomy: str
    slug: str
    name: str
    parent_slug: str
    description: str
    wp_id: int | None
    position: Position


@dataclass(frozen=True)
class WpComment:
    """A ``<wp:comment>`` on an item."""

    wp_id: int
    author: str
    email: str
    url: str
    ip: str
    date: str
    date_gmt: str
    content: str
    approved: str
    type: str
    parent_id: int


@dataclass(frozen=True)
class WpItem:
    """An ``<item>``: a post, page, attachment or anything else WordPress stores as a post."""

    wp_id: int
    guid: str
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    post_type: str
    status: str
    slug: str
    date: str
    date_gmt: str
    pub_date: str
    parent_id: int
    comment_status: str
    attachment_url: str
    terms: tuple[tuple[str, str, str], ...]  # (taxonomy, slug, name)
    meta: dict[str, str]
    comments: tuple[WpComment, ...]
    position: Position
    notes: tuple[str, ...] = field(default=())
    password: str = ""

    @property
    def thumbnail_id(self) -> int | None:
        """The attachment id of the featured image, when there is one."""
        value = self.meta.get("_thumbnail_id", "").strip()
        return int(value) if value.isdigit() else None

    @property
    def label(self) -> str:
        """How a report names this item: its title, or its id when it has none."""
        return self.title.strip() or f"(untitled, id {self.wp_id})"


@dataclass(frozen=True)
class Skipped:
    """Something in the file the parser could not turn into a record, and why."""

    what: str
    label: str
    reason: str
    position: Position


Record = Channel | WpAuthor | WpTerm | WpItem | Skipped
