"""docs/deploy.md's nginx configuration, run by a real nginx over a published site.

The test takes the configuration block from the docs, points it at a published folder
and at a live app, and starts nginx (Debian's package) with a private prefix, pid file
and port. Pages served by nginx must be the app's bytes, and a comment posted through
nginx must reach the app.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import socket
import subprocess
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import override_settings

from masthead.caching.publish.render import MANIFEST_STORAGE
from masthead.comments.models import Comment
from masthead.core import clock
from tests.conftest import need_program

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
pytestmark = pytest.mark.django_db(transaction=True)


def documented_config() -> str:
    """The ```nginx block of the docs' "Publishing the site as files" section."""
    section = DEPLOY.read_text(encoding="utf-8").split("## Publishing the site as files", 1)[1]
    found = re.search(r"```nginx\n(.*?)```", section, re.S)
    assert found, "docs/deploy.md has no nginx block under 'Publishing the site as files'"
    return found[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def nginx_conf(tmp: Path, *, public: Path, app: str, port: int) -> str:
    """A whole nginx.conf around the documented block, with private paths."""
    block = (
        documented_config()
        .replace("/srv/masthead/public", str(public))
        .replace("server 127.0.0.1:8000;", f"server {app};")
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
    )
    temp = {name: tmp / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    return f"""
user root;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
{block}
}}
"""


@pytest.fixture
def nginx(tmp_path: Path) -> Any:
    """``start(public, app)`` runs nginx in the foreground; it is stopped after the test."""
    program = need_program(
        shutil.which("nginx") or "/usr/sbin/nginx", "nginx (apt-get install nginx)"
    )
    started: list[subprocess.Popen[bytes]] = []

    def start(public: Path, app: str, port: int) -> str:
        conf = tmp_path / "nginx.conf"
        conf.write_text(nginx_conf(tmp_path, public=public, app=app, port=port))
        argv = [program, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)]
        check = subprocess.run([*argv, "-t"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        started.append(subprocess.Popen([*argv, "-g", "daemon off;"]))
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return f"127.0.0.1:{port}"
            time.sleep(0.05)
        raise AssertionError((tmp_path / "error.log").read_text())

    yield start
    for process in started:
        process.terminate()
        process.wait(10)


def get(host: str, path: str, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(host, timeout=30)
    connection.request("GET", path, headers={"Accept-Encoding": "identity", **headers})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    return response


@pytest.fixture(autouse=True)
def _still_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """One time for the whole test: the comment form's stamp holds the second it was made."""
    now = clock.now()
    monkeypatch.setattr(clock, "now", lambda: now)


@pytest.fixture
def published(newsroom: Any, live_server: Any, nginx: Any, tmp_path: Path, settings: Any) -> Any:
    """The newsroom published to files, nginx serving them in front of the live app."""
    settings.STATIC_ROOT = tmp_path / "static"
    port = free_port()
    site = f"127.0.0.1:{port}"
    settings.SITE_URL = f"http://{site}"
    public = tmp_path / "public"
    call_command("publish-static", str(public), "--site-url", f"http://{site}", "--json")
    # The app answers with the collected, hashed files too, as under `masthead serve`.
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    with override_settings(STORAGES=storages, WHITENOISE_USE_FINDERS=False):
        app = urlsplit(live_server.url).netloc
        yield {**newsroom, "host": nginx(public, app, port), "app": app, "public": public}


def test_nginx_serves_the_apps_own_bytes(published):
    host, app = published["host"], published["app"]
    story = published["stories"][0]
    paths = ["/", story.get_absolute_url(), "/category/ai/", "/tag/gpus/", "/feed/",
             "/feed.json", "/sitemap.xml", "/robots.txt"]  # fmt: skip
    for path in paths:
        served, answered = get(host, path), get(app, path, Host=host)
        assert served.status == answered.status == 200, path
        assert served.body == answered.body, path
        assert served.getheader("Content-Type") == answered.getheader("Content-Type"), path
        for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
            assert served.getheader(name) == answered.getheader(name), (path, name)
    gzipped = get(host, "/", **{"Accept-Encoding": "gzip"})
    assert gzipped.getheader("Content-Encoding") == "gzip"


def test_nginx_serves_the_hashed_assets_for_a_year(published):
    page = get(published["host"], "/").body.decode()
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page)
    assert stylesheet
    served = get(published["host"], stylesheet[1])
    assert served.status == 200
    assert "immutable" in served.getheader("Cache-Control", "")


def test_what_has_no_file_is_the_apps_answer(published):
    host = published["host"]
    assert (
        get(host, "/no-such-page/").body == get(published["app"], "/no-such-page/", Host=host).body
    )
    assert get(host, "/no-such-page/").status == 404
    assert get(host, "/tag/gpus").status == 301  # APPEND_SLASH, from the app
    assert get(host, "/.masthead/manifest.json").status == 404
    assert (
        get(host, "/static/no-such-file.css").body
        == (published["public"] / "404.html").read_bytes()
    )


def test_a_comment_posted_through_nginx_reaches_the_app(published):
    host, story = published["host"], published["stories"][0]
    page = BeautifulSoup(get(host, story.get_absolute_url()).body, "html.parser")
    form = page.select_one('form textarea[name="body"]').find_parent("form")
    fields = {i["name"]: i.get("value", "") for i in form.select("input[name]")}
    assert fields["issued"] == ""  # the page carries no time: reply.js fetches a stamp
    stamp = get(host, form["data-stamp"])
    assert stamp.status == 200
    fields.update(body="Posted through nginx.", author_name="Ada", author_email="ada@example.org")
    fields["issued"] = json.loads(stamp.body)["issued"]
    connection = http.client.HTTPConnection(host, timeout=30)
    later = clock.now() + timedelta(seconds=30)  # a reader takes more than 3 s to write
    with mock.patch("masthead.core.clock.now", return_value=later):
        connection.request("POST", form["action"].split("#")[0], body=urlencode(fields), headers={
            "Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://{host}",
            "Sec-Fetch-Site": "same-origin", "User-Agent": "TestBrowser/1.0",
        })  # fmt: skip
        answer = connection.getresponse()
    assert answer.status in (200, 302, 303), (form["action"], answer.read()[-3000:])
    posted = Comment.objects.get(body="Posted through nginx.")
    assert posted.article_id == story.pk
    assert posted.status == Comment.Status.PENDING
