"""Story feeds in RSS 2.0, Atom 1.0 and JSON Feed 1.1 (docs/feeds.md).

``feeds.py`` decides what goes in (one ``Feed`` subclass per subject), ``entries.py``
how a story is described, ``generators.py`` and ``jsonfeed.py`` how each format is
written.
"""
