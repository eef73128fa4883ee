"""The newsroom centre: articles and everything they are made of, and the public pages."""
