"""The search index's tables (see discovery.search)."""

__all__: list[str] = []
