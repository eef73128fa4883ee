"""Article languages are BCP 47 tags: write the well-formed ones stored in their usual case.

Tags are read without regard to case, so ``en-gb`` becomes ``en-GB`` and nothing is
lost. A stored value that is not a tag at all is left as it is: ``masthead check
--database default`` (and every migrate) warns ``masthead.W005`` naming it, so an editor
chooses the right tag rather than this migration guessing one. Nothing to undo.
"""

from typing import Any

from django.db import migrations, models

from masthead.core.languages import normalized_language


def usual_case(apps: Any, schema_editor: Any) -> None:
    for name in ("Article", "SiteSettings"):
        model = apps.get_model("articles", name)
        stored = model.objects.exclude(language="").values_list("language", flat=True)
        for tag in set(stored.order_by().distinct()):
            if normalized_language(tag) != tag:
                model.objects.filter(language=tag).update(language=normalized_language(tag))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_page_slug_help_text"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="language",
            field=models.CharField(
                blank=True,
                help_text="A BCP 47 language tag, e.g. en, en-GB or zh-Hans; empty for the site's.",
                max_length=35,
            ),
        ),
        migrations.RunPython(usual_case, migrations.RunPython.noop, elidable=True),
    ]
