"""The CSP report endpoint: browsers' reports kept, garbage refused, one reader bounded."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from masthead.backoffice import cspreports, roles
from masthead.backoffice.models import CspReport
from masthead.core import clock
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

URL = "/csp-report/"
LIST = reverse("admin:backoffice_cspreport_changelist")
# What Chromium posts for ``report-uri`` ...
REPORT_URI = {
    "csp-report": {
        "document-uri": "http://testserver/2026/12/07/a-story/",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'none'; script-src 'self'",
        "disposition": "enforce",
        "blocked-uri": "https://tracker.example/t.js",
        "line-number": 12,
        "source-file": "http://testserver/2026/12/07/a-story/",
        "status-code": 200,
        "script-sample": "",
    }
}
# ... and for ``report-to`` (the Reporting API), which may batch other kinds of report.
REPORT_TO = [
    {
        "type": "csp-violation",
        "age": 10,
        "url": "http://testserver/admin/",
        "user_agent": "Chromium",
        "body": {
            "documentURL": "http://testserver/admin/",
            "effectiveDirective": "style-src-attr",
            "blockedURL": "inline",
            "disposition": "enforce",
            "lineNumber": 3,
            "sample": "color: red",
        },
    },
    {"type": "deprecation", "body": {"id": "x"}},
]


def send(body: Any, content_type: str = "application/csp-report", **extra: Any) -> Any:
    """Post ``body`` (JSON unless bytes) as a browser would, with CSRF checks on."""
    data = body if isinstance(body, bytes) else json.dumps(body)
    client = Client(enforce_csrf_checks=True)
    return client.post(URL, data, content_type=content_type, **extra)


def test_a_report_uri_report_is_stored_field_by_field():
    response = send(REPORT_URI, headers={"user-agent": "Chromium/140"})
    assert response.status_code == 204
    report = CspReport.objects.get()
    assert report.document_uri == "http://testserver/2026/12/07/a-story/"
    assert report.directive == "script-src-elem"
    assert report.blocked_uri == "https://tracker.example/t.js"
    assert report.line == 12
    assert report.disposition == "enforce"
    assert report.user_agent == "Chromium/140"


def test_a_reporting_api_batch_keeps_only_its_csp_violations():
    assert send(REPORT_TO, "application/reports+json").status_code == 204
    report = CspReport.objects.get()
    assert (report.directive, report.blocked_uri, report.sample) == (
        "style-src-attr",
        "inline",
        "color: red",
    )


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (REPORT_URI, "text/plain", 400),
        (REPORT_URI, "application/x-www-form-urlencoded", 400),
        (b"{not json", "application/csp-report", 400),
        (b"\xff\xfe\x00", "application/csp-report", 400),
        ({"csp-report": "a string"}, "application/csp-report", 400),
        ([{"type": "csp-violation", "body": []}], "application/reports+json", 400),
        ([1, "two", None], "application/reports+json", 400),
        (b"", "application/csp-report", 400),
        (b"[" * 20_000, "application/csp-report", 400),  # nested past the parser's depth
        (b"[" * 40_000, "application/csp-report", 400),  # past the size limit
        ({"csp-report": {"x": "y" * 40_000}}, "application/csp-report", 400),
    ],
)
def test_garbage_is_refused_with_nothing_stored(body: Any, content_type: str, status: int):
    response = send(body, content_type)
    assert response.status_code == status
    assert response.content  # a line that says what was wrong
    assert CspReport.objects.count() == 0


def test_odd_values_are_cut_to_size_and_wrong_types_dropped():
    odd = {"blocked-uri": "https://x.example/" + "a" * 900, "line-number": "12", "sample": ["x"]}
    assert send({"csp-report": odd}).status_code == 204
    report = CspReport.objects.get()
    assert len(report.blocked_uri) == 500
    assert report.line is None
    assert report.sample == ""


def test_only_posts_are_answered():
    assert Client().get(URL).status_code == 405
    assert CspReport.objects.count() == 0


def test_one_address_is_limited_per_minute_and_others_are_not(settings: Any):
    settings.CSP_REPORTS_PER_MINUTE = 3
    answers = [send(REPORT_URI, REMOTE_ADDR="198.51.100.7").status_code for _ in range(5)]
    assert answers == [204, 204, 204, 429, 429]
    assert send(REPORT_URI, REMOTE_ADDR="203.0.113.9").status_code == 204
    assert CspReport.objects.count() == 4


def test_the_table_keeps_only_the_newest_reports(settings: Any):
    settings.CSP_REPORTS_KEEP = 3
    for line in range(1, 7):
        cspreports.store([{"directive": "img-src", "line": line}])
    assert sorted(CspReport.objects.values_list("line", flat=True)) == [4, 5, 6]


def test_a_post_stores_at_most_ten_reports():
    batch = [REPORT_TO[0]] * 50
    assert send(batch, "application/reports+json").status_code == 204
    assert CspReport.objects.count() == cspreports.PER_POST == 10


def test_reports_skip_the_page_cache(settings: Any):
    settings.PAGE_CACHE_SECONDS = 300
    response = send(REPORT_URI)
    assert response.status_code == 204
    assert "X-Page-Cache" not in response


def test_prune_deletes_reports_older_than_the_days_the_settings_keep(settings: Any):
    settings.CSP_REPORTS_KEEP_DAYS = 30
    now = clock.now()
    for days in (1, 29, 31, 400):
        CspReport.objects.create(directive=f"{days}", received_at=now - timedelta(days=days))
    out = StringIO()
    call_command("cspreports", "prune", stdout=out)
    assert out.getvalue().strip() == "Deleted 2 CSP reports older than 30 days."
    assert sorted(CspReport.objects.values_list("directive", flat=True)) == ["1", "29"]
    out = StringIO()
    call_command("cspreports", "prune", "--older-than", "2d", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"action": "prune", "deleted": 1, "older_than_days": 2}


def test_only_administrators_may_read_the_reports(client: Any):
    for role in roles.ROLES:
        held = roles.held(Group.objects.get(name=role))
        assert ("backoffice.view_cspreport" in held) == (role == roles.ADMINISTRATOR)
    send(REPORT_URI)
    client.force_login(factories.person(roles.EDITOR, "ed-reader"))
    assert client.get(LIST).status_code == 403


def test_an_administrator_reads_them_and_changes_nothing(client: Any):
    send(REPORT_URI)
    report = CspReport.objects.get()
    client.force_login(factories.person(roles.ADMINISTRATOR, "ada-reader"))
    page = soup(client.get(LIST))
    row = [text(c) for c in page.select("#result_list tbody tr")[0].select("th, td")]
    assert row[1:3] == ["script-src-elem", "https://tracker.example/t.js"]
    change = client.get(reverse("admin:backoffice_cspreport_change", args=[report.pk]))
    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    assert client.get(reverse("admin:backoffice_cspreport_add")).status_code == 403
    delete = reverse("admin:backoffice_cspreport_delete", args=[report.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert CspReport.objects.count() == 1


def test_the_list_filters_by_directive_and_names_a_missing_one(client: Any):
    send(REPORT_URI)
    send({"csp-report": {"blocked-uri": "inline"}})
    client.force_login(factories.person(roles.ADMINISTRATOR, "ada-reader"))
    page = soup(client.get(LIST))
    links = [text(a) for a in page.select("#changelist-filter a")]
    assert "(none)" in links
    assert "script-src-elem" in links
    only = soup(client.get(LIST + "?directive="))
    assert len(only.select("#result_list tbody tr")) == 1
