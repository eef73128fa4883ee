"""Helping readers find the next story: related posts (and, later, search)."""
