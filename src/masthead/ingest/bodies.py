"""HTML bodies from other systems made ready for Masthead: paragraphs and layout.

Shared by the WordPress import and wire ingest. Pure: strings in, strings out. (Their
plain text is ``core.text.plain_text``.)
"""

from __future__ import annotations

import re

_BLOCK_TAGS = ("address|article|aside|blockquote|dd|details|div|dl|dt|figcaption|figure|"
               "footer|form|h[1-6]|header|hr|li|ol|p|pre|section|table|tbody|td|tfoot|th|"
               "thead|tr|ul|style|script|iframe|object|caption")  # fmt: skip
_STARTS_BLOCK = re.compile(rf"^\s*</?(?:{_BLOCK_TAGS})\b", re.I)
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S | re.I)


def autop(text: str, *, br: bool = True) -> str:
    """Wrap loose text in paragraphs, as WordPress's ``wpautop`` does when showing a post.

    A blank line separates paragraphs; with ``br``, a single line break inside a
    paragraph becomes ``<br>``. Chunks that already start with a block tag are left
    alone, and so is everything inside ``<pre>``.
    """
    parts = _PRE.split(text)
    done: list[str] = []
    for i, part in enumerate(parts):
        if i % 2:  # a <pre> element, kept exactly
            done.append(part)
            continue
        for chunk in re.split(r"\n\s*\n", part):
            chunk = chunk.strip()
            if not chunk:
                continue
            if _STARTS_BLOCK.match(chunk):
                done.append(chunk)
            else:
                body = re.sub(r"\s*\n\s*", "<br>\n", chunk) if br else chunk
                done.append(f"<p>{body}</p>")
    return "\n\n".join(done)


def markdown_safe(body: str) -> str:
    """Lay sanitized HTML out so CommonMark reads it as one raw HTML block.

    A blank line would end the block and let Markdown loose on the rest, so blank
    lines go; inside ``<pre>``, where they matter, each becomes an empty ``<span>``.
    The body must start with a block tag; loose text is wrapped in a ``<div>``.
    """
    parts = _PRE.split(body)
    for i, part in enumerate(parts):
        if i % 2:
            parts[i] = re.sub(r"\n(?=\n)", "\n<span></span>", part)
        else:
            parts[i] = re.sub(r"\n[ \t]*(?=\n)", "", part)
    text = "".join(parts).strip()
    if text and not re.match(r"<(?:div|p|figure|h[2-6]|ul|ol|table|blockquote|hr|pre|dl)\b", text):
        text = f"<div>\n{text}\n</div>"
    return text
