"""Full-text search over published articles, behind pluggable backends."""
