"""Keep related-post lists fresh as articles are published, changed and withdrawn."""
