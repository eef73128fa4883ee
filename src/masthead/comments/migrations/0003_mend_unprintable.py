"""Mend comments stored with characters XML cannot carry.

A commenter's name holding a control character (``Ann\\x06 Reader``), once approved,
made the comment feeds answer 500. This cleans the comments already stored; running it
twice changes nothing. Nothing to undo.
"""

from typing import Any

from django.db import migrations

from masthead.core.fields import mend_rows

FIELDS = ["author_name", "author_email", "author_url", "body", "held_because", "user_agent"]


def mend(apps: Any, schema_editor: Any) -> None:
    mend_rows(apps.get_model("comments", "Comment"), FIELDS)


class Migration(migrations.Migration):
    dependencies = [("comments", "0002_moderation")]

    operations = [migrations.RunPython(mend, migrations.RunPython.noop, elidable=True)]
