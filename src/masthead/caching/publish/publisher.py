"""Publishing the public site as files, rewriting only what changed.

A run has four stages, each yielding ``Step`` s for a progress bar:

1. ``assets``: ``collectstatic`` into the data folder (as ``masthead serve`` does), then
   the hashed, compressed files copied to ``DIR/static/``; ``DIR/media`` is a symbolic
   link to the media folder (pictures and their renditions are not copied).
2. ``pages``: every candidate (``candidates.everything()``) rendered; a page whose bytes
   differ from the manifest's hash is written, the others are left alone. Listings are
   followed to their last page.
3. ``errors``: the 404 page (``DIR/404.html``), and the security headers nginx adds.
4. ``cleanup``: the files of pages this run did not find (unpublished stories, pages
   past a listing's new end) are deleted. Only a complete walk deletes anything.

An interrupted run keeps what it wrote; the next run carries on with the candidates it
had not reached (``restart`` starts the walk again).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command

from masthead.caching.publish import candidates as site
from masthead.caching.publish import files
from masthead.caching.publish.manifest import Manifest
from masthead.caching.publish.render import Renderer, nginx_headers, publishing_settings
from masthead.core.batchjobs import Tally

HEADERS_FILE = ".masthead/headers.conf"
NOT_FOUND_KEY = "/404.html"


@dataclass
class Published(Tally):
    """What a run did to the files: written, left as they were, deleted, failed."""

    written: int = 0
    unchanged: int = 0
    deleted: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    stage: str
    done: int
    total: int


class Publisher:
    """One run of ``masthead publish-static`` into ``folder``."""

    def __init__(
        self, folder: Path, *, site_url: str, restart: bool = False, collect: bool = True,
        changed: Collection[str] | None = None,
    ) -> None:  # fmt: skip
        self.folder = folder
        self.site_url = site_url
        self.restart = restart
        self.collect = collect
        self.changed = changed
        self.tally = Published()
        self.manifest = Manifest.load(folder)
        self.resumed = False
        self.finished = False

    def steps(self) -> Generator[Step, None, None]:
        """Run the stages; stop asking and the manifest keeps what was done."""
        self.resumed = self.manifest.start(restart=self.restart)
        try:
            with publishing_settings():
                yield from self._assets()
                renderer = Renderer(self.site_url)  # after collectstatic: WhiteNoise scans
                todo = self._candidates()
                yield from self._pages(renderer, todo)
                yield from self._errors(renderer)
            yield from self._cleanup(todo)
            self.manifest.finish()
            self.finished = True
        finally:
            self.manifest.save()

    def _candidates(self) -> list[site.Candidate]:
        if self.changed is None:
            return list(site.everything())
        return site.narrowed(self.manifest.entries, self.changed)

    # Stages

    def _assets(self) -> Iterator[Step]:
        if self.collect:
            call_command("collectstatic", interactive=False, verbosity=0)
        root = Path(settings.STATIC_ROOT)
        found = sorted(p for p in root.rglob("*") if p.is_file() and p.name != "staticfiles.json")
        for done, source in enumerate(found, 1):
            relative = f"static/{source.relative_to(root).as_posix()}"
            self._keep(f"/{relative}", relative, source.read_bytes(), gzipped=False)
            if done % 50 == 0 or done == len(found):
                yield Step("assets", done, len(found))
        self._link_media()

    def _pages(self, renderer: Renderer, todo: list[site.Candidate]) -> Iterator[Step]:
        for done, candidate in enumerate(todo, 1):
            self._candidate(renderer, candidate)
            yield Step("pages", done, len(todo))

    def _errors(self, renderer: Renderer) -> Iterator[Step]:
        missing = renderer.get(site.MISSING)
        self._keep(NOT_FOUND_KEY, site.NOT_FOUND_FILE, missing.body, gzipped=True)
        headers = nginx_headers(renderer.get("/")).encode()
        target = self.folder / HEADERS_FILE
        if not target.exists() or target.read_bytes() != headers:
            files.write(self.folder, HEADERS_FILE, headers, gzipped=False)
        yield Step("errors", 1, 1)

    def _cleanup(self, todo: list[site.Candidate]) -> Iterator[Step]:
        """Delete what this run did not find; a narrowed run, only among its candidates."""
        entries, walked = self.manifest.entries, {c.path for c in todo}
        gone = [
            path for path, entry in entries.items()
            if not self.manifest.done_in_this_run(path)
            and (self.changed is None or path in walked or entry.get("listing") in walked)
        ]  # fmt: skip
        for done, path in enumerate(gone, 1):
            files.remove(self.folder, self.manifest.entries[path]["file"])
            self.manifest.forget(path)
            self.tally.count("deleted")
            yield Step("cleanup", done, len(gone))

    # Pages

    def _candidate(self, renderer: Renderer, candidate: site.Candidate) -> None:
        path: str | None = candidate.path
        number = 1
        while path is not None:
            if self.manifest.done_in_this_run(path):
                ok = True  # rendered before this run was interrupted
            else:
                listing = candidate.path if candidate.paginated else None
                ok = self._page(renderer, path, listing=listing)
            if ok and candidate.follow_sitemap and number == 1:
                self._sitemap_sections(renderer, path)
            number += 1
            path = f"{candidate.path}page/{number}/" if ok and candidate.paginated else None

    def _page(self, renderer: Renderer, path: str, *, listing: str | None = None) -> bool:
        """Render ``path`` and keep it; whether it answered a page."""
        try:
            rendered = renderer.get(path)
            if rendered.status != 200:
                return False
            relative = files.file_for(path, rendered.content_type)
        except Exception as error:  # one broken page must not stop the site's publish
            self._failed(path, f"{type(error).__name__}: {error}")
            return False
        gzipped = files.compressible(rendered.content_type)
        extra: dict[str, Any] = {"tags": rendered.tags}
        if listing:
            extra["listing"] = listing
        self._keep(path, relative, rendered.body, gzipped=gzipped, **extra)
        return True

    def _sitemap_sections(self, renderer: Renderer, index: str) -> None:
        """Each sitemap the index lists, when it is one of this site's plain files."""
        body = (self.folder / self.manifest.entries[index]["file"]).read_text(encoding="utf-8")
        for path in sitemap_paths(body, self.site_url):
            if not self.manifest.done_in_this_run(path):
                self._page(renderer, path)

    def _failed(self, path: str, problem: str) -> None:
        self.tally.count("failed")
        self.tally.problems.append(f"{path}: {problem}")
        if path in self.manifest.entries:  # the last good copy stays up
            self.manifest.record(path, self.manifest.entries[path])

    # Files

    def _keep(self, key: str, relative: str, body: bytes, *, gzipped: bool, **extra: Any) -> None:
        """Write ``body`` unless the folder already holds these bytes there."""
        digest = hashlib.sha256(body).hexdigest()
        old = self.manifest.entries.get(key)
        same = old is not None and old["sha256"] == digest and old["file"] == relative
        if same and (self.folder / relative).exists():
            self.tally.count("unchanged")
        else:
            files.write(self.folder, relative, body, gzipped=gzipped)
            if old is not None and old["file"] != relative:
                files.remove(self.folder, old["file"])
            self.tally.count("written")
        self.manifest.record(key, {"sha256": digest, "file": relative, **extra})

    def _link_media(self) -> None:
        link, media = self.folder / "media", Path(settings.MEDIA_ROOT).resolve()
        if link.is_symlink() and link.resolve() == media:
            return
        if link.exists() and not link.is_symlink():
            self.tally.problems.append(f"{link} is not a link to {media}: left alone")
            return
        link.unlink(missing_ok=True)
        link.symlink_to(media, target_is_directory=True)


def sitemap_paths(body: str, site_url: str) -> list[str]:
    """The paths of the ``<loc>`` s in a sitemap index that are this site's, without queries."""
    prefix = site_url.rstrip("/")
    paths = []
    for loc in re.findall(r"<loc>([^<]+)</loc>", body):
        if loc.startswith(prefix + "/") and "?" not in loc:
            paths.append(loc[len(prefix) :])
    return paths
