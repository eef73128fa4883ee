"""A tiny shared kit with no newsroom words in it: time, slugs, Markdown, sanitizing."""
