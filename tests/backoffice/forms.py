"""Posting the back office's forms as a browser would: every field as the page holds it."""

from __future__ import annotations

from typing import Any

from tests.conftest import soup


def form_data(page: Any, form_id: str = "article_form") -> dict[str, Any]:
    """The values a browser would send from the admin's form ``form_id`` as loaded."""
    form = soup(page).select_one(f"form#{form_id}")
    data: dict[str, Any] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        kind = field.get("type")
        if kind in ("submit", "file") or (kind == "checkbox" and not field.has_attr("checked")):
            continue
        if field.name == "select" and field.has_attr("multiple"):
            data[field["name"]] = [o["value"] for o in field.select("option[selected]")]
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            data[field["name"]] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[field["name"]] = field.get_text().removeprefix("\n")
        else:
            data[field["name"]] = field.get("value", "on" if kind == "checkbox" else "")
    return data
