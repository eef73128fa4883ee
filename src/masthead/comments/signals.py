"""What the comments app announces. Receivers run after the transaction commits.

``comment_submitted``
    A reader's comment was stored, whatever its status. Arguments: ``sender`` (the
    ``Comment`` class) and ``comment`` (the stored row; ``comment.status`` tells whether it
    is approved, pending or spam).
``comments_moderated``
    A person changed the status of one or more comments. Arguments: ``sender``,
    ``comments`` (a list of the changed rows), ``status`` (the new status) and ``by`` (the
    user, or None for a signed email link whose recipient has no account) and ``via``
    ("email link" for a notification's link, else "").
"""

from django.dispatch import Signal

comment_submitted = Signal()
comments_moderated = Signal()
