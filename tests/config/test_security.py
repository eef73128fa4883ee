"""Every response's security headers, per area, and the cookies' flags over HTTP and HTTPS."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from masthead.comments import cookies
from masthead.config import security
from tests import factories
from tests.comments import posting

pytestmark = pytest.mark.django_db

HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}
SRC = Path(__file__).resolve().parents[2] / "src"


def directives(response: Any) -> dict[str, list[str]]:
    """The response's Content-Security-Policy, directive by directive."""
    found = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        found[name] = sources
    return found


@pytest.fixture
def behind_proxy(settings: Any) -> Any:
    """The settings BEHIND_HTTPS_PROXY=1 makes."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return settings


def test_public_pages_allow_only_their_own_scripts_styles_and_pictures(newsroom: Any):
    policy = directives(Client().get("/"))
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", security.standalone_style_hash()]
    # Style attributes: only the table alignments the sanitizer keeps, by their hashes.
    assert policy["style-src-attr"] == ["'unsafe-hashes'", *security.body_style_hashes()]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["report-uri"] == ["/csp-report/"]
    assert policy["connect-src"] == ["'self'"]  # the comment form's stamp


def test_the_back_office_may_also_fetch_from_the_site_and_use_a_nonce_for_styles(
    admin_client: Any,
):
    response = admin_client.get("/admin/articles/article/")
    policy = directives(response)
    assert policy["connect-src"] == ["'self'"]  # the story form's autosave
    assert policy["script-src"] == ["'self'"]
    nonce = next(s for s in policy["style-src"] if s.startswith("'nonce-"))
    assert f'<style nonce="{nonce[7:-1]}">' in response.text


def test_the_api_may_load_nothing_and_be_framed_by_nobody(newsroom: Any):
    policy = directives(Client().get("/api/v1/articles/"))
    assert policy == {
        "default-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "report-uri": ["/csp-report/"],
    }


@pytest.mark.parametrize("url", ["/", "/admin/login/", "/api/v1/", "/static/masthead/site.css"])
def test_every_area_sends_the_other_hardening_headers(url: str, newsroom: Any):
    response = Client().get(url)
    assert "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    denied = response["Permissions-Policy"].split(", ")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in denied
    if not url.startswith("/static/"):  # whitenoise answers before the frame check
        assert response["X-Frame-Options"] == "DENY"


def test_a_view_that_chooses_its_own_policy_keeps_it(rf: Any, settings: Any):
    """django-csp's decorators still work: the area's policy is only the default."""
    request = rf.get("/")
    response = Client().get("/healthz")
    response._csp_config = {"default-src": ["'self'"]}  # as @csp_replace would leave it
    parts = security.AreaPolicy(lambda r: response).get_policy_parts(request, response)
    assert parts.config == {"default-src": ["'self'"]}


def test_hsts_is_sent_over_https_behind_the_proxy(behind_proxy: Any, newsroom: Any):
    assert Client().get("/", **HTTPS)["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in Client().get("/")


def test_hsts_is_not_sent_on_a_forwarded_header_nobody_trusts(newsroom: Any):
    """Without BEHIND_HTTPS_PROXY anyone could send X-Forwarded-Proto: it means nothing."""
    assert "Strict-Transport-Security" not in Client().get("/", **HTTPS)


def test_hsts_preload_and_subdomains_are_settings(behind_proxy: Any, newsroom: Any):
    behind_proxy.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    behind_proxy.SECURE_HSTS_PRELOAD = True
    header = Client().get("/", **HTTPS)["Strict-Transport-Security"]
    assert header == "max-age=31536000; includeSubDomains; preload"


def test_hsts_with_the_settings_the_outsiders_used(tmp_path: Path):
    """BEHIND_HTTPS_PROXY=1, SECURE_COOKIES=1 and X-Forwarded-Proto: https give HSTS.

    Run as a deployment would: a fresh process whose settings come from the environment.
    """
    script = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/healthz', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(json.dumps({'status': r.status_code, 'hsts': r.get('Strict-Transport-Security')}))"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "masthead.config.settings",
        "MASTHEAD_DATA": str(tmp_path),
        "BEHIND_HTTPS_PROXY": "1",
        "SECURE_COOKIES": "1",
    }
    env.pop("MASTHEAD_HSTS_SECONDS", None)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer == {"status": 200, "hsts": "max-age=31536000"}


def test_hosts_that_bodies_may_show_pictures_from_are_in_the_policy(tmp_path: Path):
    """A picture MASTHEAD_BODY_IMAGE_HOSTS lets the sanitizer keep must not be refused."""
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    env = {
        **os.environ, "PYTHONPATH": str(SRC), "DJANGO_SETTINGS_MODULE": "masthead.config.settings",
        "MASTHEAD_DATA": str(tmp_path), "MASTHEAD_BODY_IMAGE_HOSTS": "CDN.example.net",
        "MASTHEAD_CSP_EXTRA_IMG": "https://media.example.org",
    }  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["'self'", "cdn.example.net", "https://media.example.org"]


def _post_a_remembered_comment(client: Client, **extra: Any) -> Any:
    """Open a story and post a comment with "remember me" (the form needs no CSRF cookie)."""
    story = factories.article()
    client.get(story.get_absolute_url(), **extra)
    data = {**posting.TYPED, "issued": posting.stamp(story.pk)}
    return client.post(f"/comments/post/{story.pk}/", data, **extra)


def test_cookies_over_plain_http_are_not_secure_but_httponly_and_lax(newsroom: Any):
    client = Client()
    response = _post_a_remembered_comment(client)
    assert response.status_code == 302, response.content[:300]
    jar = client.cookies
    for name in (cookies.COMMENTER, cookies.PENDING):
        assert jar[name]["secure"] == "", name
        assert jar[name]["httponly"] is True, name
        assert jar[name]["samesite"] == "Lax", name


def test_cookies_over_forwarded_https_are_secure(behind_proxy: Any, newsroom: Any):
    client = Client()
    response = _post_a_remembered_comment(client, **HTTPS)
    assert response.status_code == 302, response.content[:300]
    for name in (cookies.COMMENTER, cookies.PENDING):
        assert client.cookies[name]["secure"] is True, name


def test_the_session_cookie_is_secure_over_https_and_not_over_http(
    behind_proxy: Any, django_user_model: Any
):
    django_user_model.objects.create_superuser("root", password="a long pass phrase here")
    form = {"username": "root", "password": "a long pass phrase here", "next": "/admin/"}
    for extra, secure in (({}, ""), (HTTPS, True)):
        client = Client()
        client.get("/admin/login/", **extra)
        form["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
        assert client.cookies["csrftoken"]["secure"] == secure
        assert client.cookies["csrftoken"]["httponly"] is True
        response = client.post("/admin/login/", form, **extra)
        assert response.status_code == 302
        session = response.cookies["sessionid"]
        assert session["secure"] == secure
        assert session["httponly"] is True
        assert session["samesite"] == "Lax"
