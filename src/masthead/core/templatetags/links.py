"""``{% link "name" key=value %}``: ``{% url %}`` through ``core.links``' memo.

For the public pages' addresses, which every uncached page asks for again; keyword
arguments only, and no ``as``: ``{% url %}`` stays for everything else.
"""

from __future__ import annotations

from typing import Any

from django import template

from masthead.core import links

register = template.Library()


@register.simple_tag
def link(viewname: str, **kwargs: Any) -> str:
    """The path of ``viewname`` with ``kwargs``, as ``{% url %}`` would print it."""
    return links.reverse(viewname, **kwargs)
