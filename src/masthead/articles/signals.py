"""Signals the articles app sends; other apps react to them, articles imports none of them.

Each is sent by a function in ``services.py`` inside its transaction. Receivers that do
slow or external work (indexing, purging caches, webhooks) must defer it with
``transaction.on_commit`` so nothing happens for a change that rolls back.
"""

from django.dispatch import Signal

# Sent when an article becomes visible to readers, now or at a scheduled time.
# Arguments: ``article`` (the Article, status published), ``by`` (the User or None).
article_published = Signal()

# Sent when a published article's content, metadata or relations are saved again.
# Arguments: ``article``, ``by``.
article_changed = Signal()

# Sent when a published article is withdrawn: back to draft, or to the trash.
# Arguments: ``article`` (with its new status), ``by``.
article_unpublished = Signal()

# Sent when an article's status changes (created, submitted, published or scheduled,
# unpublished, trashed, restored), after the save, inside its transaction.
# Arguments: ``article`` (with its new status), ``by`` (the User or None), ``was`` (the
# status before, or None for a new article).
article_status_changed = Signal()

# Sent when an article that has been published gets a new address (its slug or its day
# changed), so the old one can answer with a redirect. Arguments: ``article``, ``by``,
# ``old_url`` (the path it had).
article_moved = Signal()

# Sent while a public page is made, naming what it shows (``pagetags.show``), so a page
# cache can tag the page. Arguments: ``request``, ``tags`` (strings, see ``pagetags``).
page_shows = Signal()

# Sent after a commit that changed what readers see without the usual saves (a rebuild
# of the related lists or of the search index, a bulk import), naming the stale pages'
# tags (``pagetags.stale``). Arguments: ``tags`` (a frozenset of strings; ``"*"`` is
# every page).
pages_stale = Signal()
