"""Old addresses of stories that moved answer 301, like an imported site's old addresses."""

from __future__ import annotations

from typing import Any

from masthead.ingest.models import ImportedItem, LegacyURL


def remember_old_address(sender: Any, article: Any, old_url: str, **kwargs: Any) -> None:
    """Keep ``old_url`` pointing at ``article`` (``LegacyRedirectMiddleware`` answers it)."""
    LegacyURL.objects.update_or_create(
        path=old_url[:500], defaults={"kind": ImportedItem.Kind.POST, "object_id": article.pk}
    )
