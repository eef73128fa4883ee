"""Readers' comments on articles: storing, showing, and (later) moderating them."""
