"""What a published folder holds: each file's path, hash and the tags of its page.

The manifest lives in ``DIR/.masthead/manifest.json``. It is written whole to a
temporary file and renamed over the old one, every few seconds during a run and at its
end, so an interrupted run leaves a manifest that matches the files on disk: a page
written after the last save is rewritten (same bytes) or recorded on the next run.

Each entry is keyed by the page's URL path (``/2026/01/02/a-story/``) and records:

- ``sha256`` of the bytes served, to tell a changed page from an unchanged one;
- ``file``, where it lies under ``DIR``;
- ``tags``, what the page showed (``masthead.caching.tags``; empty for assets);
- ``listing``: the path of the paginated listing it belongs to, if any;
- ``run``: the run that last rendered it, so an interrupted run can carry on.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VERSION = 1
SAVE_EVERY_SECONDS = 2.0


@dataclass
class Manifest:
    """The published folder's record, loaded from and saved to ``folder``."""

    folder: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The run in progress, and whether the last one to start got to its end.
    run: int = 0
    finished: bool = True
    _saved_at: float = 0.0

    @property
    def path(self) -> Path:
        return self.folder / ".masthead" / "manifest.json"

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        manifest = cls(folder)
        if manifest.path.exists():
            data = json.loads(manifest.path.read_text(encoding="utf-8"))
            if data.get("version") == VERSION:
                manifest.entries = data["entries"]
                manifest.run = data["run"]
                manifest.finished = data["finished"]
        return manifest

    def start(self, *, restart: bool) -> bool:
        """Begin a run; whether it carries on an interrupted one (unless ``restart``)."""
        resumed = not self.finished and not restart
        if not resumed:
            self.run += 1
        self.finished = False
        self.save()
        return resumed

    def done_in_this_run(self, path: str) -> bool:
        entry = self.entries.get(path)
        return entry is not None and entry.get("run") == self.run

    def record(self, path: str, entry: dict[str, Any]) -> None:
        self.entries[path] = {**entry, "run": self.run}
        self.save_now_and_then()

    def forget(self, path: str) -> None:
        self.entries.pop(path, None)
        self.save_now_and_then()

    def finish(self) -> None:
        self.finished = True
        self.save()

    def save_now_and_then(self) -> None:
        if time.monotonic() - self._saved_at >= SAVE_EVERY_SECONDS:
            self.save()

    def save(self) -> None:
        """Write the manifest whole, then rename it over the old one."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": VERSION, "run": self.run, "finished": self.finished,
                "entries": self.entries}  # fmt: skip
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, self.path)
        self._saved_at = time.monotonic()
