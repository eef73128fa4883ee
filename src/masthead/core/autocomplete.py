"""The admin's autocomplete select, with the empty choice HTML asks for.

Django's ``AutocompleteSelect`` renders an optional field's empty choice as an
``<option>`` with no text, and leaves it out of a required field, whose first option is
then a real choice. HTML wants an option to have a label and a required single select to
start with an empty choice (the W3C checker reports both). ``AutocompleteAdmin`` gives
the ForeignKeys of its ``autocomplete_fields`` ``LabelledAutocompleteSelect``, whose
empty choice is always there and says what it means. Select2 takes that choice as its
placeholder and leaves it out of the list, so only a page without JavaScript shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.forms import ModelChoiceField
from django.http import HttpRequest


class LabelledAutocompleteSelect(AutocompleteSelect):
    """An autocomplete select whose first option is an empty choice with a label."""

    optional_label = "None"
    required_label = "Choose one"

    def optgroups(
        self, name: str, value: Sequence[str], attr: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        groups = super().optgroups(name, value, attr)
        options = groups[0][1]
        if self.is_required:
            options.insert(0, self.create_option(name, "", "", False, 0))
        options[0]["label"] = self.required_label if self.is_required else self.optional_label
        return groups


class AutocompleteAdmin(admin.ModelAdmin):
    """A model admin whose autocomplete ForeignKeys use ``LabelledAutocompleteSelect``."""

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LabelledAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
