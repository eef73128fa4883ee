"""CSP violation reports; Administrators (who hold "*") get to read them.

The groups are applied once more for the new model's permissions, with ``0003_audit_roles``'
frozen copy of the roles, unchanged.
"""

from importlib import import_module

import django.utils.timezone
from django.db import migrations, models

from masthead.backoffice import roles as _roles

ROLES = import_module("masthead.backoffice.migrations.0003_audit_roles").ROLES


def apply_roles(apps, schema_editor):
    _roles.apply(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0007_twofactor"),
    ]

    operations = [
        migrations.CreateModel(
            name="CspReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "received_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="received"
                    ),
                ),
                ("document_uri", models.CharField(blank=True, max_length=500, verbose_name="page")),
                (
                    "directive",
                    models.CharField(blank=True, max_length=100, verbose_name="directive"),
                ),
                (
                    "blocked_uri",
                    models.CharField(blank=True, max_length=500, verbose_name="blocked"),
                ),
                (
                    "source_file",
                    models.CharField(blank=True, max_length=500, verbose_name="source file"),
                ),
                ("line", models.PositiveIntegerField(blank=True, null=True, verbose_name="line")),
                ("sample", models.CharField(blank=True, max_length=200, verbose_name="sample")),
                (
                    "disposition",
                    models.CharField(blank=True, max_length=20, verbose_name="disposition"),
                ),
                (
                    "user_agent",
                    models.CharField(blank=True, max_length=300, verbose_name="browser"),
                ),
            ],
            options={
                "verbose_name": "CSP report",
                "ordering": ["-received_at", "-id"],
                "indexes": [models.Index(fields=["received_at"], name="backoffice_cspreport_at")],
            },
        ),
        # Going back leaves the groups as they are; dropping the model drops its permissions.
        migrations.RunPython(apply_roles, migrations.RunPython.noop),
    ]
