"""Keep the search index in step with publish, edit and unpublish."""
