"""Fixtures of the core tests: the wire tests' localhost server, for the HTTP client."""

from tests.ingest.wire.feed_server import feed_server  # noqa: F401 (the fixture)
