"""The one seam through which the code asks what time it is.

Tests move time by patching ``masthead.core.clock.now``; nothing else calls
``timezone.now()`` for decisions about visibility.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    """Return the current aware datetime."""
    return timezone.now()
