"""The import's running tally: what was created, updated, left alone or skipped, and why."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from masthead.ingest.wordpress.records import Position

OUTCOMES = ("created", "updated", "unchanged", "skipped")
# The first problems are kept word for word for --json; after that only their reasons
# are counted, so a file with a million bad comments does not fill the memory.
KEEP_PROBLEMS = 500
KEEP_REASONS = 1000


@dataclass(frozen=True)
class Problem:
    """Something wrong with one record, what was done about it, and where it was."""

    kind: str
    label: str
    position: Position | None
    reason: str
    outcome: str  # "repaired" or "skipped"

    def __str__(self) -> str:
        where = f"{self.kind} {self.position}" if self.position else self.kind
        return f"{where} «{self.label}»: {self.reason} ({self.outcome})"


@dataclass
class Summary:
    """Counts per kind and outcome, and the problems met; ``say`` hears each problem."""

    say: Callable[[str], Any] = lambda text: None
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)
    items: int = 0

    def count(self, kind: str, outcome: str) -> None:
        """Add one ``kind`` record with ``outcome`` (one of ``OUTCOMES``)."""
        self.counts.setdefault(kind, Counter())[outcome] += 1

    def problem(
        self, kind: str, label: str, position: Position | None, reason: str, outcome: str
    ) -> None:
        """Record (and say) a problem with one record."""
        found = Problem(kind, label, position, reason, outcome)
        key = f"{kind}: {reason} ({outcome})"
        if key not in self.reasons and len(self.reasons) >= KEEP_REASONS:
            key = f"{kind}: other problems ({outcome})"
        self.reasons[key] += 1
        if len(self.problems) < KEEP_PROBLEMS:
            self.problems.append(found)
        self.say(str(found))

    def total(self, outcome: str) -> int:
        return sum(c[outcome] for c in self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return {
            "counts": {
                kind: {o: c[o] for o in OUTCOMES} for kind, c in sorted(self.counts.items())
            },
            "reasons": dict(self.reasons.most_common()),
            "problems": [
                {
                    "kind": p.kind,
                    "label": p.label,
                    "item": p.position.index if p.position else None,
                    "line": p.position.line if p.position else None,
                    "reason": p.reason,
                    "outcome": p.outcome,
                }
                for p in self.problems
            ],
        }

    def text(self) -> str:
        """The summary as a small table, then the reasons for repairs and skips."""
        lines = [f"{'':12}" + "".join(f"{o:>11}" for o in OUTCOMES)]
        for kind, c in sorted(self.counts.items()):
            lines.append(f"{kind:12}" + "".join(f"{c[o]:>11,}" for o in OUTCOMES))
        if self.reasons:
            lines.append("")
            lines.append("Repaired or skipped:")
            lines += [f"  {n:>7,} × {reason}" for reason, n in self.reasons.most_common()]
        return "\n".join(lines)
