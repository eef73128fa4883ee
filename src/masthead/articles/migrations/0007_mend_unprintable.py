"""Mend names, titles and texts stored with characters XML cannot carry.

Before the text fields dropped them, a control character in a tag's name (the WordPress
import decoded ``&#12;`` into one) or a comment made feeds answer 500. This cleans the
rows already stored; running it twice changes nothing. Nothing to undo.
"""

from typing import Any

from django.db import migrations

from masthead.core.fields import mend_rows

# The text fields of each model, as of this migration.
FIELDS = {
    "Article": [
        "title",
        "dek",
        "body",
        "body_html",
        "excerpt",
        "credit_line",
        "source_url",
        "language",
    ],
    "Revision": ["title", "dek", "body"],
    "Image": ["alt_text", "caption", "credit"],
    "Page": ["title", "body", "body_html"],
    "Author": ["name", "role", "bio"],
    "Source": ["name", "home_url", "credit"],
    "Category": ["name", "description"],
    "Tag": ["name"],
    "SiteSettings": ["name", "tagline", "footer_text", "language"],
    "MenuItem": ["label"],
}


def mend(apps: Any, schema_editor: Any) -> None:
    for model, fields in FIELDS.items():
        mend_rows(apps.get_model("articles", model), fields)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_menuitem_safe_link")]

    operations = [migrations.RunPython(mend, migrations.RunPython.noop, elidable=True)]
