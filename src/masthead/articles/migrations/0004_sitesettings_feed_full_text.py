from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_archive_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="sitesettings",
            name="feed_full_text",
            field=models.BooleanField(
                default=True,
                help_text="Off: RSS, Atom and JSON feeds carry each story's excerpt only.",
                verbose_name="full text in feeds",
            ),
        ),
    ]
