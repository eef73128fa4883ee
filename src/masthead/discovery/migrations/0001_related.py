import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0003_archive_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexedArticle",
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
                ("indexed_at", models.DateTimeField()),
                ("listed_at", models.DateTimeField(blank=True, null=True)),
            ],
        ),
        migrations.CreateModel(
            name="RebuildRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("started_at", models.DateTimeField()),
                ("counted", models.BooleanField(default=False)),
            ],
        ),
        migrations.CreateModel(
            name="Term",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.CharField(max_length=64, unique=True)),
                ("articles", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="RelatedLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("score", models.FloatField()),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="related_links",
                        to="articles.article",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="linked_from",
                        to="articles.article",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["target"], name="related_link_target_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("source", "target"), name="related_link_once")
                ],
            },
        ),
        migrations.CreateModel(
            name="ArticleTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("weight", models.FloatField()),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="articles.article",
                    ),
                ),
                (
                    "term",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="discovery.term",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["term", "-weight"], name="article_term_postings_idx")
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("article", "term"), name="article_term_once")
                ],
            },
        ),
    ]
