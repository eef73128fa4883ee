"""The ingest app's models: the WordPress import's bookkeeping and the wire desk."""

from masthead.ingest.models.imports import ImportedItem, LegacyURL
from masthead.ingest.models.wire import WireBand, WireFeed, WireFetch, WireItem

__all__ = ["ImportedItem", "LegacyURL", "WireBand", "WireFeed", "WireFetch", "WireItem"]
