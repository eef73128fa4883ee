"""Stored related-post lists and what the engine keeps to compute them (see discovery.related)."""

__all__: list[str] = []
