"""``masthead cspreports …``: keeping the CSP violation reports to their age (run from cron)."""

from __future__ import annotations

from datetime import timedelta

from masthead.backoffice import cspreports
from masthead.core.management.prune import PruneCommand


class Command(PruneCommand):
    help = "CSP violation reports: delete those older than MASTHEAD_CSP_REPORTS_KEEP_DAYS."
    names = ("CSP report", "CSP reports")
    keep_days_setting = "CSP_REPORTS_KEEP_DAYS"
    example_age = "7d, 12h"

    def prune(self, older_than: timedelta) -> int:
        return cspreports.prune(older_than=older_than)
