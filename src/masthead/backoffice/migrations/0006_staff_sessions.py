"""Sign-ins get a session table of their own, with the owner's id as a column.

Everyone signed in stays signed in: their sessions move from Django's table to the new
one. Remembered commenters' details stay where they are.
"""

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import migrations, models
from django.utils import timezone

BATCH = 500


def move_signed_in(apps: Any, schema_editor: Any) -> None:
    """Copy every live session that has a signed-in user, then drop it from the old table."""
    old = apps.get_model("sessions", "Session")
    new = apps.get_model("backoffice", "StaffSession")
    decode = SessionStore().decode  # {} for data this site did not sign
    live = old.objects.filter(expire_date__gt=timezone.now()).order_by("session_key")
    moved: list[Any] = []
    for session in live.iterator(chunk_size=BATCH):
        owner = str(decode(session.session_data).get(SESSION_KEY, ""))
        if owner.isdigit():
            moved.append(new(session_key=session.session_key, session_data=session.session_data,
                             expire_date=session.expire_date, user_id=int(owner)))  # fmt: skip
    new.objects.bulk_create(moved, batch_size=BATCH)
    keys = [session.session_key for session in moved]
    for start in range(0, len(keys), BATCH):
        old.objects.filter(session_key__in=keys[start : start + BATCH]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0005_audit_comment_moderated"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="StaffSession",
            fields=[
                (
                    "session_key",
                    models.CharField(
                        max_length=40, primary_key=True, serialize=False, verbose_name="session key"
                    ),
                ),
                ("session_data", models.TextField(verbose_name="session data")),
                ("expire_date", models.DateTimeField(db_index=True, verbose_name="expire date")),
                ("user_id", models.IntegerField(db_index=True, null=True)),
            ],
            options={"verbose_name": "session", "default_permissions": ()},
        ),
        migrations.RunPython(move_signed_in, migrations.RunPython.noop, elidable=True),
    ]
