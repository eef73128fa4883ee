"""``masthead audit …``: keeping the audit log to its configured age (run it from cron)."""

from __future__ import annotations

from datetime import timedelta

from masthead.backoffice import audit
from masthead.core.management.prune import PruneCommand


class Command(PruneCommand):
    help = "Audit log housekeeping: delete entries older than MASTHEAD_AUDIT_KEEP_DAYS."
    names = ("audit entry", "audit entries")
    keep_days_setting = "AUDIT_KEEP_DAYS"
    example_age = "90d, 2w"

    def prune(self, older_than: timedelta) -> int:
        return audit.prune(older_than=older_than)
