"""Text model fields that store only what XML 1.0 can carry.

Every door into the database (the admin's forms, the API's serializers, the commands,
the imports, ``QuerySet.update()``) ends in a model field, so the characters feeds
cannot carry are dropped there, once, as Django's forms strip surrounding spaces::

    name = PrintableCharField(max_length=80)

    tag = Tag.objects.create(name="Ann\\x06 Reader")
    tag.name  # "Ann Reader": cleaned on save, in the row and on the instance

``to_python`` cleans what ``full_clean``, lookups and updates see; ``pre_save`` what
``save()`` and ``bulk_create()`` write. A row written around them (raw SQL, or a
database older than these fields) is mended by ``mend_rows`` in a data migration.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, models
from django.db.models import Q

from masthead.core.languages import normalized_language, validate_language_tag
from masthead.core.sanitize import printable

# What a database may hold of the characters ``printable`` drops, for finding the rows
# to mend: PostgreSQL refuses NUL outright, and neither stores a lone surrogate.
_STORABLE_BAD = "\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"


class PrintableMixin(models.Field):
    """Drop the characters XML 1.0 cannot carry from a text field's value."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return printable(value) if isinstance(value, str) else value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = super().pre_save(model_instance, add)
        if isinstance(value, str) and printable(value) != value:
            value = printable(value)
            setattr(model_instance, self.attname, value)  # the instance says what was stored
        return value

    def deconstruct(self) -> Any:
        # Migrations record Django's own field: the cleaning is Python-only, no column
        # changes, and a new path would make SQLite rebuild every table on upgrade.
        name, _path, args, kwargs = super().deconstruct()
        django_field = next(c for c in type(self).__mro__ if c.__module__.startswith("django."))
        return name, f"django.db.models.{django_field.__name__}", args, kwargs


class PrintableCharField(PrintableMixin, models.CharField):
    """A ``CharField`` that stores only what XML can carry."""


class PrintableTextField(PrintableMixin, models.TextField):
    """A ``TextField`` that stores only what XML can carry."""


class LanguageTagField(PrintableCharField):
    """A BCP 47 language tag (``masthead.core.languages``), kept in its usual case.

    Validation (forms, ``full_clean``) refuses a tag that is not well-formed; saving
    writes a well-formed one in its usual case (``en-gb`` → ``en-GB``) and leaves any
    other value as it is, for the check that reports stored ones to find.
    """

    default_validators = [validate_language_tag]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 35)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return normalized_language(value) if isinstance(value, str) and value else value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = super().pre_save(model_instance, add)
        if isinstance(value, str) and value and normalized_language(value) != value:
            value = normalized_language(value)
            setattr(model_instance, self.attname, value)
        return value


class PrintableEmailField(PrintableMixin, models.EmailField):
    """An ``EmailField`` that stores only what XML can carry."""


class PrintableURLField(PrintableMixin, models.URLField):
    """A ``URLField`` that stores only what XML can carry."""


def mend_rows(model: type[models.Model], fields: list[str], *, batch: int = 500) -> int:
    """Clean ``fields`` of every ``model`` row holding a character XML cannot carry.

    Finds the rows in the database (a regex lookup), ``batch`` at a time in primary-key
    order, so a large table is read once and never held in memory; returns how many
    rows changed. Running it again changes nothing.
    """
    bad = "\x00" + _STORABLE_BAD if connection.vendor == "sqlite" else _STORABLE_BAD
    holds_bad = Q()
    for field in fields:
        holds_bad |= Q(**{f"{field}__regex": f"[{bad}]"})
    rows = model._default_manager.filter(holds_bad).order_by("pk").only("pk", *fields)
    mended, last = 0, None
    while page := list((rows.filter(pk__gt=last) if last is not None else rows)[:batch]):
        for row in page:
            for field in fields:
                value = getattr(row, field)
                setattr(row, field, printable(value) if isinstance(value, str) else value)
        model._default_manager.bulk_update(page, fields)
        mended, last = mended + len(page), page[-1].pk
    return mended
