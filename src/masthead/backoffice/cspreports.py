"""Where browsers send Content-Security-Policy violation reports, and how they are kept.

The policies name ``CSP_REPORT_PATH`` (/csp-report/) in ``report-uri``, whose reports
arrive one a post as ``{"csp-report": {...}}`` (``application/csp-report``). The Reporting
API's shape (``report-to``), a list of ``{"type": "csp-violation", "body": {...}}`` as
``application/reports+json``, is understood too, for a policy that adds it. ``parse``
turns either into field values, cut to size; it is pure and refuses anything else with
``BadReport``.

Anyone can post here, so nothing is trusted: each client address may send
``CSP_REPORTS_PER_MINUTE`` posts a minute (counted in the cache, like the comments'
limits), a post is read up to ``MAX_BYTES`` and stores at most ``PER_POST`` reports, and
only the newest ``CSP_REPORTS_KEEP`` rows stay, so one reader cannot fill the table.
Administrators read the reports in the back office; ``masthead cspreports prune`` drops
those older than ``CSP_REPORTS_KEEP_DAYS``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from masthead.backoffice.audit import client_ip
from masthead.backoffice.models import CspReport
from masthead.comments.throttle import over_limit
from masthead.config.middleware import declared_length
from masthead.core import clock

MAX_BYTES = 32 * 1024
PER_POST = 10
TYPES = {"application/csp-report", "application/reports+json", "application/json"}
# Each field and the names the two shapes give it (report-uri's first).
FIELDS = {
    "document_uri": ("document-uri", "documentURL"),
    "directive": ("effective-directive", "effectiveDirective", "violated-directive"),
    "blocked_uri": ("blocked-uri", "blockedURL"),
    "source_file": ("source-file", "sourceFile"),
    "line": ("line-number", "lineNumber"),
    "sample": ("script-sample", "sample"),
    "disposition": ("disposition",),
}


# Each text field's length in the table: what a browser sends is cut to it.
LENGTHS = {
    field.name: field.max_length
    for field in CspReport._meta.concrete_fields
    if isinstance(field, models.CharField)
}


class BadReport(ValueError):
    """A post that is not a CSP report this endpoint understands."""


@csrf_exempt
@require_POST
def receive(request: HttpRequest) -> HttpResponse:
    """Store the reports in a browser's post: 204, or 400/413/429 with nothing stored."""
    if over_limit("csp-report", client_ip(request) or "unknown", settings.CSP_REPORTS_PER_MINUTE):
        return _answer(429, "Too many reports from this address; try again in a minute.")
    try:
        reports = parse(request.content_type or "", _read(request))
    except BadReport as problem:
        return _answer(400, str(problem))
    store(reports, user_agent=request.headers.get("User-Agent", ""))
    return HttpResponse(status=204)


def _read(request: HttpRequest) -> bytes:
    if declared_length(request) > MAX_BYTES:
        raise BadReport(f"A report is at most {MAX_BYTES // 1024} KB.")
    body = request.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        raise BadReport(f"A report is at most {MAX_BYTES // 1024} KB.")
    return body


def _answer(status: int, text: str) -> HttpResponse:
    response = HttpResponse(text + "\n", status=status, content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


def parse(content_type: str, body: bytes) -> list[dict[str, Any]]:
    """The reports in ``body`` as CspReport field values; BadReport if there are none."""
    if content_type not in TYPES:
        raise BadReport(f"Expected a CSP report ({', '.join(sorted(TYPES))}).")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise BadReport(f"The report is not JSON: {error}") from None
    bodies = list(_bodies(data))[:PER_POST]
    if not bodies:
        raise BadReport("No CSP violation report found in the body.")
    return [_fields(report) for report in bodies]


def _bodies(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        yield data["csp-report"]
    elif isinstance(data, list):
        for item in data:
            if (
                isinstance(item, dict)
                and item.get("type") == "csp-violation"
                and isinstance(item.get("body"), dict)
            ):
                yield item["body"]


def _fields(report: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field, names in FIELDS.items():
        raw = next((report[name] for name in names if name in report), None)
        if field == "line":
            values[field] = raw if isinstance(raw, int) and 0 <= raw < 2**31 else None
        else:
            values[field] = str(raw)[: LENGTHS[field]] if isinstance(raw, str | int) else ""
    return values


def store(reports: list[dict[str, Any]], *, user_agent: str = "") -> list[CspReport]:
    """Save ``reports`` and drop the oldest rows beyond ``CSP_REPORTS_KEEP``."""
    rows = [CspReport.objects.create(user_agent=user_agent[:300], **r) for r in reports]
    newest = rows[-1].pk
    # Ids only grow, so everything this far below the newest is past the limit.
    CspReport.objects.filter(pk__lte=newest - settings.CSP_REPORTS_KEEP).delete()
    return rows


def prune(*, older_than: timedelta | None = None) -> int:
    """Delete reports older than ``older_than`` (``CSP_REPORTS_KEEP_DAYS``); return how many."""
    age = older_than if older_than is not None else timedelta(days=settings.CSP_REPORTS_KEEP_DAYS)
    return CspReport.objects.filter(received_at__lt=clock.now() - age).delete()[0]
