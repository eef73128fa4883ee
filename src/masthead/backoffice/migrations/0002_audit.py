"""The audit log: who did what, to what, when and from which address."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0001_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="when"),
                ),
                (
                    "actor_name",
                    models.CharField(
                        blank=True, max_length=150, verbose_name="who (as named then)"
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("login", "Signed in"),
                            ("login_failed", "Sign-in failed"),
                            ("logout", "Signed out"),
                            ("role_changed", "Role changed"),
                            ("submitted", "Submitted for review"),
                            ("returned_to_draft", "Returned to draft"),
                            ("published", "Published"),
                            ("scheduled", "Scheduled"),
                            ("unpublished", "Unpublished"),
                            ("trashed", "Trashed"),
                            ("restored", "Restored from the trash"),
                            ("settings_changed", "Settings changed"),
                        ],
                        max_length=20,
                        verbose_name="what",
                    ),
                ),
                (
                    "object_type",
                    models.CharField(blank=True, max_length=100, verbose_name="kind of object"),
                ),
                (
                    "object_id",
                    models.CharField(blank=True, max_length=64, verbose_name="object id"),
                ),
                (
                    "object_label",
                    models.CharField(blank=True, max_length=300, verbose_name="object"),
                ),
                (
                    "object_url",
                    models.CharField(blank=True, max_length=300, verbose_name="object's page"),
                ),
                (
                    "ip",
                    models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address"),
                ),
                ("detail", models.JSONField(blank=True, default=dict)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="who",
                    ),
                ),
            ],
            options={
                "verbose_name": "audit entry",
                "verbose_name_plural": "audit log",
                "ordering": ["-at", "-id"],
                "indexes": [
                    models.Index(fields=["-at", "-id"], name="backoffice_audit_at"),
                    models.Index(fields=["action", "-at"], name="backoffice_audit_action_at"),
                ],
            },
        ),
    ]
