"""The anonymous page cache and its purge on every content change."""
