"""``reverse()`` with a memo: the same name and arguments give the same address.

Django's ``reverse`` walks its resolver's dictionaries on every call (and asks for the
active language three times on the way); a story page asks for about twenty addresses,
of its sections, tags, authors and teasers, and these cost a tenth of the page. The
address depends only on the name, the arguments, the URLconf and the script prefix,
which all make the key; the memo is bounded and emptied when the URLconf setting
changes (as Django's own URL caches are).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse

# A site's sections, tags and authors number in the thousands; their stories more, so
# the least used addresses go first.
SIZE = 8192


def reverse(viewname: str, **kwargs: Any) -> str:
    """The path of ``viewname`` with ``kwargs``, as ``django.urls.reverse`` gives it."""
    return _reversed(get_urlconf(), get_script_prefix(), viewname, tuple(kwargs.items()))


@lru_cache(maxsize=SIZE)
def _reversed(urlconf: Any, prefix: str, viewname: str, items: tuple[tuple[str, Any], ...]) -> str:
    return django_reverse(viewname, urlconf=urlconf, kwargs=dict(items))


@receiver(setting_changed)
def _urls_changed(setting: str, **kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
