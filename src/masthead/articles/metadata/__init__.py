"""What public pages tell search engines and link previews about themselves.

Pure functions: given the site (``Site``) and the objects a view already loaded, they
return the meta description, canonical URL, OpenGraph and Twitter properties (a
``Head``) and schema.org JSON-LD as plain dicts. They run no queries of their own; the
``metadata`` template tags gather their inputs from the request. ``docs/metadata.md``
says what each page carries and why.
"""

from masthead.articles.metadata.head import (
    Head,
    Listing,
    for_archive,
    for_article,
    for_author,
    for_home,
    for_page,
    for_search,
)
from masthead.articles.metadata.jsonld import serialise
from masthead.articles.metadata.parts import Picture, Site, og_locale

__all__ = [
    "Head",
    "Listing",
    "Picture",
    "Site",
    "for_archive",
    "for_article",
    "for_author",
    "for_home",
    "for_page",
    "for_search",
    "og_locale",
    "serialise",
]
