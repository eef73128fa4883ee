"""The related-posts engine: lists computed at publication, read with one query."""
