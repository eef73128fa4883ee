"""Two-factor sign-in: its audit actions, and the roles applied once more.

Administrators hold "*": django-otp's devices bring permissions of their own, so the
groups are applied again (``0003_audit_roles``' frozen copy, unchanged), after django-otp's
migrations have made its models.
"""

from importlib import import_module

from django.db import migrations, models

from masthead.backoffice import roles as _roles

ROLES = import_module("masthead.backoffice.migrations.0003_audit_roles").ROLES


def apply_roles(apps, schema_editor):
    _roles.apply(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0006_staff_sessions"),
        ("otp_static", "0003_add_timestamps"),
        ("otp_totp", "0003_add_timestamps"),
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
                    ("twofactor_on", "Two-factor sign-in turned on"),
                    ("twofactor_off", "Two-factor sign-in turned off"),
                    ("twofactor_reset", "Two-factor sign-in reset"),
                    ("twofactor_failed", "Two-factor code refused"),
                    ("recovery_codes_new", "Recovery codes regenerated"),
                    ("recovery_code_used", "Recovery code used"),
                    ("role_changed", "Role changed"),
                    ("submitted", "Submitted for review"),
                    ("returned_to_draft", "Returned to draft"),
                    ("published", "Published"),
                    ("scheduled", "Scheduled"),
                    ("unpublished", "Unpublished"),
                    ("trashed", "Trashed"),
                    ("restored", "Restored from the trash"),
                    ("settings_changed", "Settings changed"),
                    ("comment_moderated", "Comment moderated by email link"),
                ],
                max_length=20,
                verbose_name="what",
            ),
        ),
        # Going back leaves the groups as they are.
        migrations.RunPython(apply_roles, migrations.RunPython.noop),
    ]
