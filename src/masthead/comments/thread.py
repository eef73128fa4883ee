"""Turn a flat list of comments into the order and nesting a threaded page shows.

``build_thread`` takes the comments oldest first (as one query returns them) and gives back
``ThreadItem`` rows in reading order: each comment followed by its replies, depth first.
Each row says how deep it sits and how many open lists close after it, so a template can
emit nested ``<ol>`` elements with a plain loop instead of recursive includes::

    a            depth 0, opens children
      b          depth 1, closes 1 list after it
    c            depth 0, closes 0

Work is linear in the number of comments: one pass groups replies by parent, one
iterative walk emits them. A reply whose parent is not in the list (held, spam, trashed)
is shown at the top level rather than hidden with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from masthead.comments.models import Comment


@dataclass
class ThreadItem:
    """One comment in reading order, with what the template needs to nest it."""

    comment: Comment
    depth: int
    has_children: bool = False
    closes: int = 0
    """How many nested lists (and their parent items) end right after this comment."""

    @property
    def close_range(self) -> range:
        return range(self.closes)


def build_thread(comments: Sequence[Comment]) -> list[ThreadItem]:
    """The comments in threaded reading order (see the module docstring)."""
    present = {c.pk for c in comments}
    children: dict[int | None, list[Comment]] = defaultdict(list)
    for comment in comments:
        parent = comment.parent_id if comment.parent_id in present else None
        children[parent].append(comment)
    items: list[ThreadItem] = []
    stack: list[tuple[Comment, int]] = [(c, 0) for c in reversed(children[None])]
    while stack:
        comment, depth = stack.pop()
        replies = children.get(comment.pk, [])
        items.append(ThreadItem(comment, depth, has_children=bool(replies)))
        stack.extend((reply, depth + 1) for reply in reversed(replies))
    for index, item in enumerate(items):
        if not item.has_children:
            following = items[index + 1].depth if index + 1 < len(items) else 0
            item.closes = item.depth - following
    return items
