"""Where a page's bytes go under the published folder, and writing them safely.

A path ending in ``/`` becomes a folder with an index file named for what the page is:
``index.html`` for a page, ``index.rss`` or ``index.atom`` for a feed (nginx's
``mime.types`` gives those their types); any other path is written as the exact file
(``/feed.json``, ``/sitemap.xml``). The URL's percent-escapes are decoded, as nginx does
before it looks for a file. Every write goes to a temporary file beside the target and is
renamed over it, so nginx never serves half a page; a ``.gz`` copy beside each text file
serves ``gzip_static``.
"""

from __future__ import annotations

import gzip
import os
import tempfile
from pathlib import Path
from urllib.parse import unquote

INDEX_BY_TYPE = {
    "application/rss+xml": "index.rss",
    "application/atom+xml": "index.atom",
}
# Text is worth compressing; pictures and icons are not.
COMPRESSIBLE = ("text/", "application/rss+xml", "application/atom+xml", "application/json",
                "application/feed+json", "application/xml")  # fmt: skip


class UnsafePath(ValueError):
    """A URL path that cannot be a file under the folder (``..``, a NUL…)."""


def file_for(path: str, content_type: str) -> str:
    """The file, relative to the folder, that holds the page at ``path``."""
    decoded = unquote(path, errors="strict")
    parts = decoded.strip("/").split("/") if decoded.strip("/") else []
    if not decoded.startswith("/") or any(p in ("", ".", "..") or "\x00" in p for p in parts):
        raise UnsafePath(path)
    if decoded.endswith("/"):
        index = INDEX_BY_TYPE.get(media_type(content_type), "index.html")
        return "/".join([*parts, index])
    return "/".join(parts)


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def compressible(content_type: str) -> bool:
    return media_type(content_type).startswith(COMPRESSIBLE)


def write(folder: Path, relative: str, body: bytes, *, gzipped: bool) -> None:
    """Write ``body`` to ``folder/relative`` (and its ``.gz``), each by an atomic rename."""
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if gzipped:
        # mtime=0: the same page compresses to the same bytes on every run.
        _replace(target.with_name(target.name + ".gz"), gzip.compress(body, 9, mtime=0))
    _replace(target, body)


def remove(folder: Path, relative: str) -> None:
    """Delete a file and its ``.gz``, then the folders left empty above it."""
    target = folder / relative
    for path in (target, target.with_name(target.name + ".gz")):
        path.unlink(missing_ok=True)
    parent = target.parent
    while parent != folder and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def _replace(target: Path, body: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".publish-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        os.chmod(temporary, 0o644)  # mkstemp makes it 0600: nginx's user must read it
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
