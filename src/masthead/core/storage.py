"""Media storage that never leaves half a file behind.

Django's ``FileSystemStorage`` writes an upload straight under its final name; when the
disk fills halfway, the first half stays there, and a page may even link to it. Here
every file is written under a hidden temporary name in the same folder, then given its
name in one step (a hard link, which fails rather than overwrite); if anything goes
wrong first (no room left, the upload broke off) the temporary file is removed and the
error raised, so the name never points at an incomplete file.
"""

from __future__ import annotations

import os
from contextlib import suppress
from functools import lru_cache
from typing import Any

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.utils.crypto import get_random_string

PARTIAL_PREFIX = ".partial-"


class WholeFileStorage(FileSystemStorage):
    """``STORAGES["default"]``: the file system, whole files only.

    A file's URL comes from a bounded memo keyed by the base URL and the name: a page
    with a dozen pictures asks for each rendition's URL, and Django quotes and joins
    each again (a few percent of an uncached story page).
    """

    def url(self, name: str | None) -> str:
        if name is None or self.base_url is None:
            return super().url(name)
        return _url(self.base_url, name)

    def _save(self, name: str, content: File[Any]) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        partial = os.path.join(directory, PARTIAL_PREFIX + get_random_string(12))
        try:
            self._write(partial, content)
            while True:
                try:
                    os.link(partial, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            with suppress(FileNotFoundError):
                os.unlink(partial)
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    @staticmethod
    def _write(path: str, content: File[Any]) -> None:
        """Copy ``content`` into a new file at ``path`` (closing it raises what a write did)."""
        # 0o666 less the umask, as Django's own storage creates files.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with os.fdopen(fd, "wb") as out:
            for chunk in content.chunks():
                out.write(chunk if isinstance(chunk, bytes) else chunk.encode())


@lru_cache(maxsize=8192)
def _url(base_url: str, name: str) -> str:
    return FileSystemStorage(base_url=base_url).url(name)
