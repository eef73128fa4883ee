"""``masthead images renditions | import-remote``: the picture library's catch-up work."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from masthead.articles import services
from masthead.articles.models import Article, Image
from masthead.core.batchjobs import action_parsers, positive_int, progress_bar, stop_on_interrupt

STATES = {"pending": [Image.Renditions.PENDING],
          "failed": [Image.Renditions.PENDING, Image.Renditions.FAILED]}  # fmt: skip


class Command(BaseCommand):
    help = (
        "The picture library: make renditions still missing, or bring pictures that "
        "stories show from other sites into the library."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_action = action_parsers(parser)
        renditions = add_action(
            "renditions",
            help="make the renditions of every picture still waiting for them (after a "
            "restart, say), one picture at a time",
        )
        renditions.add_argument(
            "--failed", action="store_true",
            help="also try again the pictures whose renditions could not be made",
        )  # fmt: skip
        remote = add_action(
            "import-remote",
            help="fetch the pictures stories show from other sites into the library and "
            "point the stories at them; pictures that cannot be fetched stay links (run "
            "again any time: what is in the library is not fetched again)",
        )
        remote.add_argument(
            "--article", type=positive_int, metavar="ID", help="only the story with this id"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if options["action"] == "renditions":
            result = self._renditions(failed=options["failed"])
        else:
            result = self._import_remote(article_id=options["article"])
        result["seconds"] = round(time.monotonic() - started, 2)
        self.stdout.write(json.dumps(result) if options["json"] else self._summary(result))
        if not result["finished"]:
            raise CommandError(
                f"Interrupted. What is done is kept; run `masthead images {result['action']}` "
                "again to carry on.",
                returncode=130,
            )

    def _renditions(self, *, failed: bool) -> dict[str, Any]:
        waiting = Image.objects.filter(
            renditions_state__in=STATES["failed" if failed else "pending"]
        )
        ids = list(waiting.order_by("pk").values_list("pk", flat=True))
        made = refused = 0
        for image in self._each(ids, "Pictures", lambda pk: Image.objects.filter(pk=pk).first()):
            done = services.make_image_renditions(image=image)
            if done.renditions_state == Image.Renditions.READY:
                made += 1
            else:
                refused += 1
                self.stderr.write(f"picture {image.pk} ({image.file.name}): {done.renditions_note}")
        return {"action": "renditions", "pictures": len(ids), "made": made, "failed": refused,
                "finished": self._finished}  # fmt: skip

    def _import_remote(self, *, article_id: int | None) -> dict[str, Any]:
        stories = Article.objects.filter(Q(body__contains="<img") | Q(body__contains="!["))
        if article_id is not None:
            if not Article.objects.filter(pk=article_id).exists():
                raise CommandError(f"--article {article_id}: no story has this id.")
            stories = stories.filter(pk=article_id)
        ids = list(stories.order_by("pk").values_list("pk", flat=True))
        totals = {"imported": 0, "failed": 0, "saved": 0}
        for story in self._each(ids, "Stories", lambda pk: Article.objects.filter(pk=pk).first()):
            result = services.import_remote_images(article=story, by=None)
            totals["imported"] += len(result.imported)
            totals["failed"] += len(result.failed)
            totals["saved"] += result.saved
            for src, why in result.failed:
                self.stderr.write(f"story {story.pk} “{story.title}”: {src}: {why}")
        return {"action": "import-remote", "stories": len(ids), **totals,
                "finished": self._finished}  # fmt: skip

    def _each(self, ids: list[int], label: str, load: Any) -> Iterator[Any]:
        """Each row of ``ids`` that still exists, with progress, until Ctrl-C."""
        self._finished = False
        with stop_on_interrupt(self.stderr.write) as stop, progress_bar(self.stderr) as bar:
            task = bar.add_task(label, total=len(ids)) if bar else None
            for pk in ids:
                if stop():
                    return
                row = load(pk)
                if row is not None:
                    yield row
                if bar and task is not None:
                    bar.advance(task)
        self._finished = True

    @staticmethod
    def _summary(result: dict[str, Any]) -> str:
        if result["action"] == "renditions":
            return (
                f"Made the renditions of {result['made']:,} of {result['pictures']:,} waiting "
                f"picture(s); {result['failed']:,} could not be made (named above)."
            )
        return (
            f"Looked at {result['stories']:,} stor{'ies' if result['stories'] != 1 else 'y'} "
            f"with pictures: {result['imported']:,} picture(s) from other sites now shown from "
            f"the library, {result['failed']:,} left as links (named above), "
            f"{result['saved']:,} stor{'ies' if result['saved'] != 1 else 'y'} saved."
        )
