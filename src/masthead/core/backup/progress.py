"""Steps shown as rich progress bars (batchjobs.progress_bar), or not at all."""

from __future__ import annotations

from rich.progress import Progress, TaskID


class BarSteps:
    """One bar per step of a backup or a restore; silent when ``progress`` is None."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def begin(self, label: str, total: int) -> None:
        if self.progress is not None:
            self.task = self.progress.add_task(label, total=total)

    def advance(self) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task)
