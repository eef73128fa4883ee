"""Keeping the audit log to its age: ``masthead audit prune`` deletes only older entries."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from masthead.backoffice import audit
from masthead.backoffice.models import AuditEntry
from masthead.core import clock

pytestmark = pytest.mark.django_db


def entries_aged(*days: float) -> None:
    now = clock.now()
    AuditEntry.objects.bulk_create(
        AuditEntry(action=AuditEntry.Action.LOGIN, actor_name=f"{d}", at=now - timedelta(days=d))
        for d in days
    )


def kept() -> list[str]:
    return sorted(AuditEntry.objects.values_list("actor_name", flat=True), key=float)


def prune(*args: str) -> str:
    out = StringIO()
    call_command("audit", "prune", *args, stdout=out)
    return out.getvalue().strip()


def test_prune_deletes_entries_older_than_the_days_the_settings_keep(settings):
    settings.AUDIT_KEEP_DAYS = 30
    entries_aged(1, 29.9, 30.1, 400)
    assert prune() == "Deleted 2 audit entries older than 30 days."
    assert kept() == ["1", "29.9"]


def test_the_default_keeps_a_year():
    entries_aged(364, 366)
    assert prune("--json") == '{"action": "prune", "deleted": 1, "older_than_days": 365}'
    assert kept() == ["364"]


def test_an_age_on_the_command_line_overrides_the_settings():
    entries_aged(1, 8, 15)
    assert prune("--older-than", "1w") == "Deleted 2 audit entries older than 7 days."
    assert kept() == ["1"]


def test_the_json_says_an_age_in_hours_as_part_of_a_day():
    entries_aged(0.25, 1)
    result = json.loads(prune("--older-than", "12h", "--json"))
    assert result == {"action": "prune", "deleted": 1, "older_than_days": 0.5}


def test_a_bad_age_is_refused_with_what_is_wrong():
    with pytest.raises(CommandError, match="is not an age"):
        prune("--older-than", "a while")


def test_pruning_goes_in_batches_until_none_is_left():
    entries_aged(*(100 + i for i in range(7)))
    assert audit.prune(older_than=timedelta(days=50), batch=3) == 7
    assert not AuditEntry.objects.exists()
