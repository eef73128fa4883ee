"""Sentence embeddings for the optional semantic mode of related posts."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_archive_indexes"),
        ("discovery", "0002_search"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleEmbedding",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("model", models.CharField(max_length=100)),
                ("digest", models.CharField(max_length=40)),
                ("vector", models.BinaryField()),
                ("computed_at", models.DateTimeField()),
            ],
        ),
    ]
