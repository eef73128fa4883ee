# Pictures judged against a memory budget; renditions made after the upload (#14).
# Pictures stored before this had their renditions made when uploaded: they are "ready".

from django.db import migrations, models

import masthead.articles.models.media


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_language_tags"),
    ]

    operations = [
        migrations.AddField(
            model_name="image",
            name="renditions_note",
            field=models.CharField(blank=True, editable=False, max_length=500),
        ),
        migrations.AddField(
            model_name="image",
            name="renditions_state",
            field=models.CharField(
                choices=[
                    ("pending", "Being made"),
                    ("ready", "Made"),
                    ("failed", "Could not be made"),
                ],
                default="ready",
                editable=False,
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="image",
            name="renditions_state",
            field=models.CharField(
                choices=[
                    ("pending", "Being made"),
                    ("ready", "Made"),
                    ("failed", "Could not be made"),
                ],
                default="pending",
                editable=False,
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="source_url",
            field=models.URLField(blank=True, db_index=True, editable=False, max_length=1000),
        ),
        migrations.AlterField(
            model_name="image",
            name="file",
            field=masthead.articles.models.media.PictureField(
                upload_to="images/%Y/%m/",
                validators=[masthead.articles.models.media.validate_upload_size],
            ),
        ),
        migrations.AlterField(
            model_name="author",
            name="avatar",
            field=masthead.articles.models.media.PictureField(
                blank=True,
                upload_to="avatars/",
                validators=[masthead.articles.models.media.validate_upload_size],
            ),
        ),
        migrations.AlterField(
            model_name="sitesettings",
            name="logo",
            field=masthead.articles.models.media.PictureField(
                blank=True,
                upload_to="site/",
                validators=[masthead.articles.models.media.validate_upload_size],
            ),
        ),
    ]
