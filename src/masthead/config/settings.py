"""Masthead's settings: the one place where the environment becomes configuration.

Every value a deployment may change comes from an environment variable, documented in
docs/configuration.md. Nothing else in the code reads os.environ.
"""

from __future__ import annotations

import os
from pathlib import Path

from csp.constants import NONCE

from masthead.config import env

DATA_DIR = env.data_dir()
DEBUG = env.flag("DEBUG")
SECRET_KEY = env.secret_key(DATA_DIR)
ALLOWED_HOSTS = env.words("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
# Scheme and host the public site answers on, for links in emails (no request to ask).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.words("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "masthead.backoffice.apps.AdminSiteConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "masthead.core",
    "masthead.articles",
    "masthead.comments",
    "masthead.discovery",
    "masthead.caching",
    "masthead.feeds",
    "masthead.ingest",
    "masthead.api",
    # Two-factor sign-in's devices: authenticator apps (TOTP) and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "masthead.backoffice.apps.BackofficeConfig",
    "masthead.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that answers (static files, the page cache): every response gets
    # its area's Content-Security-Policy, Permissions-Policy, and Secure cookies over HTTPS.
    "masthead.config.security.Hardening",
    "masthead.config.security.AreaPolicy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Oversized posts hear an explained 413, not Django's bare 400 (see the limits below).
    "masthead.config.middleware.RequestSizeLimit",
    # A NUL in the query string hears a 400 that says so (PostgreSQL cannot search for one).
    "masthead.config.middleware.NulInQuery",
    # ETags, and 304 answers to conditional GETs, also for pages replayed from the cache.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Swaps remember-me cookies that carried a commenter's details for a key to them.
    "masthead.comments.middleware.CommenterCookieUpgrade",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Outside the page cache, so it also sees the 404s the cache replays.
    "masthead.ingest.middleware.LegacyRedirectMiddleware",
    "masthead.caching.middleware.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Members whose role requires two-factor sign-in and who have not set it up reach the
    # set-up screens only; elsewhere (the API, previews) they are anonymous.
    "masthead.backoffice.middleware.TwoFactorGate",
    # Who is acting and from where, for the audit log (the services' signals carry no request).
    "masthead.backoffice.middleware.AuditOrigin",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "masthead.config.urls"
WSGI_APPLICATION = "masthead.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Masthead's versions of Django admin templates (base_site.html brings the back
        # office's stylesheet and script to every screen). The admin app comes first in
        # INSTALLED_APPS, so an app's template of the same name would never be found.
        "DIRS": [Path(__file__).resolve().parent.parent / "backoffice/templates/overrides"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "masthead.articles.context_processors.site",
            ],
        },
    },
]
if not DEBUG:
    # Compiled templates stay in memory; APP_DIRS must be off when loaders are given.
    TEMPLATES[0]["APP_DIRS"] = False
    TEMPLATES[0]["OPTIONS"]["loaders"] = [  # type: ignore[index]
        (
            "django.template.loaders.cached.Loader",
            [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ],
        )
    ]

DATABASES = {"default": env.database(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": env.cache()}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Twelve characters at least, a pass phrase rather than a word (docs/security.md).
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("MASTHEAD_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# Dates and times as the back office writes them, on every screen: "7 Dec 2026, 04:57".
FORMAT_MODULE_PATH = "masthead.config.formats"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Hashed, compressed file names once `collectstatic` has run: `masthead demo` and `masthead
# serve` run it and set MASTHEAD_STATIC_MANIFEST=1. Without it (tests, a fresh checkout)
# files are served straight from the apps' static folders.
_MANIFEST = env.flag("MASTHEAD_STATIC_MANIFEST")
STORAGES = {
    # Files are written whole or not at all: a full disk leaves no half picture behind.
    "default": {"BACKEND": "masthead.core.storage.WholeFileStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not _MANIFEST
WHITENOISE_MAX_AGE = 31536000 if _MANIFEST else 60
# Media (uploaded images) is served by Django itself only when MASTHEAD_SERVE_MEDIA is on,
# which `masthead demo` and `masthead serve` set unless a web server in front does it.
SERVE_MEDIA = env.flag("MASTHEAD_SERVE_MEDIA", default=True)

# Request size (docs/configuration.md, "Request size"). Form fields are read up to 16 MB,
# so a too-long comment or headline reaches its form and is answered beside the field
# (Django's 2.5 MB default answers a bare 400 and the text is lost); files stream to disk
# past FILE_UPLOAD_MAX_MEMORY_SIZE. A request declaring more than 32 MB in all is refused
# unread with an explained 413 (masthead.config.middleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024 * 1024
# Pictures (docs/security.md, "Images"): the largest file accepted, and the memory one may
# take to decode and convert (width × height × bytes per pixel, checked from the header).
IMAGE_UPLOAD_MAX_BYTES = env.megabytes("MASTHEAD_IMAGE_UPLOAD_MB", 20)
IMAGE_MEMORY_BYTES = env.megabytes("MASTHEAD_IMAGE_MEMORY_MB", 256)
# A request may always carry the largest picture and its form's fields.
REQUEST_MAX_BYTES = max(32 * 1024 * 1024, IMAGE_UPLOAD_MAX_BYTES + 8 * 1024 * 1024)
# Hosts, besides this site's own, whose pictures article bodies may show as pictures (a
# CDN); pictures from any other host are shown as a link to them.
BODY_IMAGE_HOSTS = [h.lower() for h in env.words("MASTHEAD_BODY_IMAGE_HOSTS", "")]
# Importing those pictures into the library fetches only from public addresses, unless
# this is on (a newsroom whose picture server is on its own network): a story's author
# must not be able to make the site reach into it.
REMOTE_PICTURES_FROM_PRIVATE_ADDRESSES = env.flag("MASTHEAD_REMOTE_PICTURES_FROM_PRIVATE")

# Django's database sessions, with each one's owner in a column of its own, so that
# ending a member's sessions (a new role or password) finds them by index.
SESSION_ENGINE = "masthead.backoffice.sessions"
# Headers and cookies (docs/security.md, "Headers and cookies"). Cookies are Secure on
# every response served over HTTPS (masthead.config.security.Hardening); SECURE_COOKIES=1
# makes them Secure on plain HTTP too (a proxy that does not say it spoke HTTPS).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.flag("SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# No script reads the CSRF cookie: forms carry the token (the back office's autosave too).
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.flag("BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Strict-Transport-Security, sent on HTTPS responses only (request.is_secure()).
SECURE_HSTS_SECONDS = int(os.environ.get("MASTHEAD_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.flag("MASTHEAD_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env.flag("MASTHEAD_HSTS_PRELOAD")
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "bluetooth", "browsing-topics", "camera",
        "display-capture", "geolocation", "gyroscope", "hid", "magnetometer", "microphone",
        "midi", "payment", "serial", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip

# Content-Security-Policy, one per area (masthead.config.security.AreaPolicy). Extra
# sources (a CDN for media or static files) come from MASTHEAD_CSP_EXTRA_*. Reports go by
# report-uri only: with report-to as well, Chromium hands them to the Reporting API, which
# batches them and, in our tests, delivered none within a minute (docs/security.md).
CSP_REPORT_PATH = "/csp-report/"
# Pictures: the site's, the outside hosts bodies may show (BODY_IMAGE_HOSTS), a CDN's.
_CSP_IMG = ["'self'", *BODY_IMAGE_HOSTS, *env.words("MASTHEAD_CSP_EXTRA_IMG", "")]
_CSP_SCRIPT = ["'self'", *env.words("MASTHEAD_CSP_EXTRA_SCRIPT", "")]
_CSP_STYLE = ["'self'", *env.words("MASTHEAD_CSP_EXTRA_STYLE", "")]
_CSP_CONNECT = ["'self'", *env.words("MASTHEAD_CSP_EXTRA_CONNECT", "")]
_CSP_PAGES = {
    "default-src": ["'none'"],
    "script-src": _CSP_SCRIPT,
    "style-src": [*_CSP_STYLE, NONCE],
    "img-src": _CSP_IMG,
    "connect-src": _CSP_CONNECT,  # the comment form's stamp; the back office's autosave
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "report-uri": [CSP_REPORT_PATH],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_PAGES}
CSP_BACK_OFFICE = {"DIRECTIVES": {**_CSP_PAGES, "connect-src": _CSP_CONNECT}}
CSP_API = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "report-uri": [CSP_REPORT_PATH],
    }
}
# The report endpoint: posts accepted per client address a minute, rows and days kept.
CSP_REPORTS_PER_MINUTE = int(os.environ.get("MASTHEAD_CSP_REPORTS_PER_MINUTE", "30"))
CSP_REPORTS_KEEP = int(os.environ.get("MASTHEAD_CSP_REPORTS_KEEP", "5000"))
CSP_REPORTS_KEEP_DAYS = int(os.environ.get("MASTHEAD_CSP_REPORTS_KEEP_DAYS", "30"))

# Email goes out by SMTP when EMAIL_HOST is set; otherwise it is printed to standard
# output, so a laptop install (the demo) shows what it would send instead of failing.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.flag("EMAIL_USE_TLS")
# Seconds to wait for the mail server: notifications are sent while a reader waits.
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Masthead <noreply@localhost>")

# The newsroom's workflow. Revisions: every one saved while the story was public is
# kept, and this many of the others per story (`masthead revisions prune`).
REVISIONS_KEEP = int(os.environ.get("MASTHEAD_REVISIONS_KEEP", "25"))
# Days the audit log keeps an entry (`masthead audit prune`).
AUDIT_KEEP_DAYS = int(os.environ.get("MASTHEAD_AUDIT_KEEP_DAYS", "365"))
# Sign-in throttling (docs/security.md): this many failed sign-ins within
# LOGIN_LOCKOUT_MINUTES lock an account name, or an address, out of signing in for that
# long, or until an administrator lifts the lockout. 0 turns that limit off.
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("MASTHEAD_LOGIN_FAILURES_PER_ACCOUNT", "5"))
LOGIN_FAILURES_PER_IP = int(os.environ.get("MASTHEAD_LOGIN_FAILURES_PER_IP", "20"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("MASTHEAD_LOGIN_LOCKOUT_MINUTES", "15"))
# Two-factor sign-in (docs/security.md): whose role requires it, "none", "administrators"
# (the Administrator role and superusers) or "staff" (everyone the back office is open to).
TWO_FACTOR_REQUIRED_FOR = env.choice(
    "MASTHEAD_2FA_REQUIRED_FOR",
    {"none": "none", "administrators": "administrators", "staff": "staff"},
    "none",
)
# Wrong codes count in the sign-in throttle above, like wrong passwords: django-otp's own
# per-device back-off would refuse a right code for seconds after a wrong one, with a
# message and a lift of its own.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Hours a preview link for an outside reviewer works unless revoked sooner.
PREVIEW_LINK_HOURS = int(os.environ.get("MASTHEAD_PREVIEW_LINK_HOURS", "72"))
# Hours the approve and spam links in a moderation email work (each works once).
COMMENT_LINK_HOURS = int(os.environ.get("MASTHEAD_COMMENT_LINK_HOURS", "48"))

# Seconds an anonymous page may be served from the page cache; 0 turns the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Each worker keeps its cached pages in its own memory, up to this many megabytes of bodies
# (gzipped forms included); the least recently read go first.
PAGE_CACHE_MEMORY_MB = int(os.environ.get("PAGE_CACHE_MEMORY_MB", "64"))
# "Not found" pages are kept at most this long.
PAGE_CACHE_404_SECONDS = 60
# What caches in front of the site (a CDN, Varnish) may do with a public page: keep it
# PAGE_CACHE_SECONDS for browsers (max-age) and CDN_SECONDS for shared caches (s-maxage),
# serve it stale while fetching a fresh copy, or while the site is failing.
CDN_SECONDS = int(os.environ.get("MASTHEAD_CDN_SECONDS", "3600"))
CDN_STALE_WHILE_REVALIDATE = int(os.environ.get("MASTHEAD_CDN_STALE_WHILE_REVALIDATE", "60"))
CDN_STALE_IF_ERROR = int(os.environ.get("MASTHEAD_CDN_STALE_IF_ERROR", "86400"))
# Surrogate-Key (Fastly, Varnish) and Cache-Tag (Cloudflare, Akamai) list a page's tags.
CDN_TAG_HEADERS = env.flag("MASTHEAD_CDN_TAG_HEADERS", default=True)
# Caches in front of the site to purge by tag after a change, besides the site's own
# (docs/caching.md): Varnish at MASTHEAD_PURGE_VARNISH, webhooks at MASTHEAD_PURGE_WEBHOOKS.
MASTHEAD_PURGE_BACKENDS: list[dict[str, object]] = [
    {"BACKEND": "masthead.caching.purge.Varnish", "OPTIONS": {"url": url}}
    for url in env.words("MASTHEAD_PURGE_VARNISH", "")
]
if env.words("MASTHEAD_PURGE_WEBHOOKS", ""):
    MASTHEAD_PURGE_BACKENDS.append({
        "BACKEND": "masthead.caching.purge.Webhook",
        "OPTIONS": {"urls": env.words("MASTHEAD_PURGE_WEBHOOKS", "")},
    })  # fmt: skip
# Readers who carry one of these cookies, or ask with one of these parameters, get a page
# of their own: a commenter's remembered details or own pending comment, a reply form.
PAGE_CACHE_SKIP_COOKIES = ["masthead_commenter", "masthead_pending"]
PAGE_CACHE_SKIP_PARAMS = ["replytocom"]

# Related posts: the content engine (TF-IDF lists stored at publication), the optional
# semantic mode (sentence embeddings; `pip install "masthead[semantic]"`) or the shared-tags
# rule. After switching, run `masthead related rebuild`.
RELATED_ENGINES = {
    "content": "masthead.discovery.related.backend.StoredLists",
    "semantic": "masthead.discovery.related.semantic.SemanticLists",
    "rule": "masthead.discovery.backends.SharedTagsRule",
}
MASTHEAD_RELATED = {
    "default": {"BACKEND": env.choice("MASTHEAD_RELATED_ENGINE", RELATED_ENGINES, "content")},
    "rule": {"BACKEND": RELATED_ENGINES["rule"]},
}
# Search: "Auto" is SQLite's FTS5 on SQLite and full-text search on PostgreSQL (docs/search.md).
MASTHEAD_SEARCH = {
    "default": {"BACKEND": "masthead.discovery.search.backends.Auto"},
}

# The REST API at /api/v1/ (docs/api.md): personal tokens or the back-office session (which
# keeps its CSRF check), Django's model permissions, JSON in and out, errors as RFC 9457
# problems, rate limits counted in the cache per IP address (readers) or per token.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "masthead.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["masthead.api.permissions.ReadOrModelPermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "masthead.api.throttles.AnonymousRate",
        "masthead.api.throttles.TokenRate",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute", "token": "600/minute"},
    # Behind the proxy the client's address is the last X-Forwarded-For hop, not REMOTE_ADDR.
    "NUM_PROXIES": 1 if env.flag("BEHIND_HTTPS_PROXY") else 0,
    "EXCEPTION_HANDLER": "masthead.api.problems.handle_exception",
    "DEFAULT_SCHEMA_CLASS": "masthead.api.openapi.Schema",
    # ?format= is an ordinary parameter: JSON is the only format.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Masthead API",
    "DESCRIPTION": "Articles, sections, tags, authors, comments and images (docs/api.md).",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "ENUM_NAME_OVERRIDES": {
        "ArticleStatusEnum": "masthead.articles.models.Article.Status",
        "CommentStatusEnum": "masthead.comments.models.Comment.Status",
    },
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "masthead.api.openapi.add_problems",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
