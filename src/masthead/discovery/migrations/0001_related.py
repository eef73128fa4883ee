from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0003_archive_indexes"),
    ]

    operations = []
