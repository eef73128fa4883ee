"""Name a comment's IP address "IP address" on the back office's screens, not "Ip address".

Only the field's label changes: no SQL runs.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_mend_unprintable"),
    ]

    operations = [
        migrations.AlterField(
            model_name="comment",
            name="ip_address",
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address"),
        ),
    ]
