"""Sign-in throttling: failed sign-ins, lockouts, and the audit log's security events.

Administrators hold "*", so the groups are applied once more for the new permissions
(lifting a lockout among them); the roles themselves are ``0003_audit_roles``' frozen
copy, unchanged.
"""

from importlib import import_module

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from masthead.backoffice import roles as _roles

ROLES = import_module("masthead.backoffice.migrations.0003_audit_roles").ROLES


def apply_roles(apps, schema_editor):
    _roles.apply(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0003_audit_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("login", "Signed in"),
                    ("login_failed", "Sign-in failed"),
                    ("logout", "Signed out"),
                    ("login_locked", "Sign-ins locked"),
                    ("login_unlocked", "Sign-ins unlocked"),
                    ("password_changed", "Password changed"),
                    ("sessions_ended", "Sessions ended"),
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
        migrations.CreateModel(
            name="FailedSignIn",
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
                ("username", models.CharField(max_length=150, verbose_name="account name tried")),
                (
                    "ip",
                    models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address"),
                ),
            ],
            options={
                "verbose_name": "failed sign-in",
                "indexes": [
                    models.Index(fields=["username", "at"], name="backoffice_failed_user_at"),
                    models.Index(fields=["ip", "at"], name="backoffice_failed_ip_at"),
                    models.Index(fields=["at"], name="backoffice_failed_at"),
                ],
            },
        ),
        migrations.CreateModel(
            name="SignInLockout",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("account", "Account"), ("address", "IP address")],
                        max_length=10,
                        verbose_name="locked",
                    ),
                ),
                ("key", models.CharField(max_length=150, verbose_name="account or address")),
                (
                    "since",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="locked at"
                    ),
                ),
                ("until", models.DateTimeField(verbose_name="locked until")),
                (
                    "failures",
                    models.PositiveIntegerField(default=0, verbose_name="failed sign-ins"),
                ),
                (
                    "refused",
                    models.PositiveIntegerField(
                        default=0, verbose_name="sign-ins refused while locked"
                    ),
                ),
                (
                    "lifted_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="lifted at"),
                ),
                (
                    "lifted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="lifted by",
                    ),
                ),
            ],
            options={
                "verbose_name": "sign-in lockout",
                "ordering": ["-since", "-id"],
                "permissions": [("lift_signinlockout", "Can lift a sign-in lockout")],
                "indexes": [
                    models.Index(fields=["kind", "key", "until"], name="backoffice_lockout_key")
                ],
            },
        ),
        # Going back leaves the groups as they are; dropping the models drops their permissions.
        migrations.RunPython(apply_roles, migrations.RunPython.noop),
    ]
