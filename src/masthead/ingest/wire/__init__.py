"""Wire ingest: poll publishers' RSS and Atom feeds and turn their stories into articles."""
