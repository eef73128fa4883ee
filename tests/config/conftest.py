"""The browser and the roles, for the checks that span the site and the back office."""

from __future__ import annotations

from tests.backoffice.conftest import browser, context, js_errors, page, roles

__all__ = ["browser", "context", "js_errors", "page", "roles"]
