"""Index the article-tag table by (tag, article) so tag counting reads the index alone."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX tag_articles_idx ON articles_article_tags (tag_id, article_id)",
            reverse_sql="DROP INDEX tag_articles_idx",
        )
    ]
