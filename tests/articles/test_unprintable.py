"""Names, titles and texts are stored without the characters XML cannot carry, by any door.

A feed must carry every name and title the site stores; XML 1.0 cannot carry most
control characters, U+FFFE, U+FFFF or a lone surrogate, even escaped. The text fields
drop them whichever door the text comes in by: ``save()``, ``update()``, the admin, the
API, the services. Rows stored before are mended by a data migration.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db.models import Model, Value
from django.urls import reverse

from masthead.articles import services
from masthead.articles.models import (
    Article,
    Author,
    Category,
    Image,
    MenuItem,
    Page,
    Revision,
    SiteSettings,
    Source,
    Tag,
)
from masthead.core.fields import mend_rows
from tests import factories
from tests.api.conftest import editor_client  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

BAD = "Ann\x06\ufffe\x0c Reader\uffff"
CLEAN = "Ann Reader"
# Each model with the text fields it stores and what else a row needs.
MODELS: list[tuple[type[Model], list[str], dict[str, Any]]] = [
    (Tag, ["name"], {"slug": "t"}),
    (Category, ["name", "description"], {"slug": "c"}),
    (Author, ["name", "role", "bio"], {"slug": "a"}),
    (Source, ["name", "credit"], {}),
    (Page, ["title", "body", "body_html"], {"slug": "p"}),
    (SiteSettings, ["name", "tagline", "footer_text"], {}),
    (MenuItem, ["label"], {"url": "/"}),
]


def values(row: Model, fields: list[str]) -> dict[str, str]:
    return {field: getattr(row, field) for field in fields}


@pytest.mark.parametrize(("model", "fields", "extra"), MODELS, ids=[m[0].__name__ for m in MODELS])
def test_saving_drops_the_characters_from_every_text_field(model, fields, extra):
    """The row and the saved instance both hold the text without them."""
    row = model(**dict.fromkeys(fields, BAD), **extra)
    row.save()
    assert values(row, fields) == dict.fromkeys(fields, CLEAN)
    assert values(model.objects.get(pk=row.pk), fields) == dict.fromkeys(fields, CLEAN)


@pytest.mark.parametrize(("model", "fields", "extra"), MODELS, ids=[m[0].__name__ for m in MODELS])
def test_updating_drops_them_too(model, fields, extra):
    """``QuerySet.update()`` and ``bulk_create()`` go through the fields as well."""
    model.objects.bulk_create([model(**dict.fromkeys(fields, BAD), **extra)])
    assert values(model.objects.get(), fields) == dict.fromkeys(fields, CLEAN)
    model.objects.update(**dict.fromkeys(fields, f"{BAD}!"))
    assert values(model.objects.get(), fields) == dict.fromkeys(fields, f"{CLEAN}!")


def test_a_lone_surrogate_or_nul_is_dropped_instead_of_failing_the_save():
    """Neither database stores a lone surrogate, nor PostgreSQL a NUL: they never reach it."""
    tag = Tag.objects.create(name="Ann\ud800 Re\x00ader\udfff", slug="t")
    assert Tag.objects.get(pk=tag.pk).name == CLEAN


def test_an_article_saved_through_the_services_is_clean_everywhere(newsroom):
    """Headline, standfirst, body, the HTML made from it, the excerpt and the revision."""
    story = factories.article(title=BAD, dek=BAD, body=f"{BAD}\n\nMore.", credit_line=BAD)
    story.refresh_from_db()
    assert (story.title, story.dek, story.credit_line) == (CLEAN, CLEAN, CLEAN)
    assert story.body == f"{CLEAN}\n\nMore."
    assert CLEAN in story.body_html
    assert CLEAN in story.excerpt
    revision = Revision.objects.get(article=story)
    assert (revision.title, revision.dek, revision.body) == (CLEAN, CLEAN, story.body)


def test_an_image_keeps_its_alt_caption_and_credit_clean(db):
    image = services.save_image(
        file=ContentFile(factories.png_bytes(40, 30)), name="x.png", alt_text=BAD,
        caption=BAD, credit=BAD,
    )  # fmt: skip
    stored = Image.objects.get(pk=image.pk)
    assert (stored.alt_text, stored.caption, stored.credit) == (CLEAN, CLEAN, CLEAN)


def test_the_admin_door_stores_a_clean_name(admin_client):
    """A tag added in the back office with a control character in its name."""
    response = admin_client.post(reverse("admin:articles_tag_add"), {"name": BAD, "slug": "t"})
    assert response.status_code == 302
    assert Tag.objects.get(slug="t").name == CLEAN


def test_the_api_door_stores_a_clean_headline(editor_client, newsroom):  # noqa: F811
    """JSON carries control characters ("\\u0006") that XML cannot; the row has none."""
    new = {"title": f"Port {BAD}", "category": "ai", "body": BAD}
    sent = json.dumps(new)  # ASCII with \\u escapes, as most clients send it
    response = editor_client.post("/api/v1/articles/", sent, content_type="application/json")
    assert response.status_code == 201, response.content
    assert Article.objects.get(pk=response.json()["id"]).title == f"Port {CLEAN}"


def spoil_every_table(newsroom: dict[str, Any]) -> None:
    """Write the characters around the fields (``Value`` bypasses their cleaning)."""
    bad = Value(BAD)
    Tag.objects.update(name=bad)
    Category.objects.update(name=bad, description=bad)
    Author.objects.update(name=bad, bio=bad)
    Article.objects.update(title=bad, dek=bad, body=bad, excerpt=bad)
    Revision.objects.update(title=bad, body=bad)
    SiteSettings.objects.update(name=bad, tagline=bad)


def test_the_migration_mends_rows_stored_before_and_is_idempotent(newsroom):
    """Existing rows holding the characters are cleaned on upgrade, a batch at a time."""
    spoil_every_table(newsroom)
    migration = importlib.import_module("masthead.articles.migrations.0007_mend_unprintable")
    migration.mend(apps, None)
    assert set(Tag.objects.values_list("name", flat=True)) == {CLEAN}
    assert set(Category.objects.values_list("description", flat=True)) == {CLEAN}
    assert set(Article.objects.values_list("title", "dek", "body")) == {(CLEAN,) * 3}
    assert set(Revision.objects.values_list("title", flat=True)) == {CLEAN}
    assert SiteSettings.objects.get().tagline == CLEAN
    assert mend_rows(Article, ["title", "dek", "body"]) == 0


def test_mending_walks_a_table_in_batches(newsroom):
    """Every row is mended however many batches it takes; clean rows are left alone."""
    Article.objects.filter(pk__in=[s.pk for s in newsroom["stories"][:7]]).update(title=Value(BAD))
    assert mend_rows(Article, ["title", "dek"], batch=3) == 7
    assert Article.objects.filter(title=CLEAN).count() == 7
