"""Stored related-post lists and what the engine keeps to compute them (see discovery.related).

Four tables make an inverted index and its results inside the site's own database:

- ``Term``: every word (or tag marker) the engine has met, with the number of indexed
  articles that use it (the document frequency behind IDF);
- ``ArticleTerm``: each indexed article's strongest terms and their weights, indexed by
  term so that "which articles share these words?" is an index range scan;
- ``IndexedArticle``: which articles the engine has seen, and when their terms and list
  were last computed (what ``masthead related rebuild`` resumes from);
- ``RelatedLink``: the stored lists, a few more entries per article than a page shows.

The optional semantic mode (``discovery.related.semantic``) keeps ``ArticleEmbedding``
rows instead of terms, and stores its lists in the same ``RelatedLink`` table.
"""

from __future__ import annotations

from django.db import models

__all__ = [
    "ArticleEmbedding", "ArticleTerm", "IndexedArticle", "RebuildRun", "RelatedLink", "Term",
]  # fmt: skip


class Term(models.Model):
    """A token of article text (or ``#<tag id>``) and how many indexed articles contain it.

    The empty token is counted in every indexed article, so its ``articles`` is the number
    of documents ``N`` that inverse document frequency needs.
    """

    text = models.CharField(max_length=64, unique=True)
    articles = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.text or '(documents)'}: {self.articles}"


class ArticleTerm(models.Model):
    """One of an article's strongest terms, with its normalised TF-IDF weight."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="+")
    weight = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "term"], name="article_term_once"),
        ]
        # A term's postings, strongest first: candidate lookup reads only the top of each.
        indexes = [models.Index(fields=["term", "-weight"], name="article_term_postings_idx")]

    def __str__(self) -> str:
        return f"{self.article_id} {self.term_id} {self.weight:.3f}"


class IndexedArticle(models.Model):
    """An article the engine has indexed: its terms are stored and counted in ``Term``."""

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    indexed_at = models.DateTimeField()
    # Null until the article's own list has been computed.
    listed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.article_id} indexed {self.indexed_at:%Y-%m-%d %H:%M}"


class RelatedLink(models.Model):
    """``target`` is related to ``source`` with ``score``; a list is read best score first."""

    source = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="related_links"
    )
    target = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="linked_from"
    )
    score = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="related_link_once"),
        ]
        # Withdrawing an article deletes every link that points at it in one statement.
        indexes = [models.Index(fields=["target"], name="related_link_target_idx")]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_id} ({self.score:.3f})"


class RebuildRun(models.Model):
    """An unfinished ``masthead related rebuild``: what a rerun continues from.

    Articles indexed or listed before ``started_at`` are still to do; ``counted`` says the
    document frequencies were recounted for this run.
    """

    started_at = models.DateTimeField()
    counted = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"rebuild started {self.started_at:%Y-%m-%d %H:%M}"


class ArticleEmbedding(models.Model):
    """An article's sentence embedding, for the semantic mode of related posts.

    ``vector`` holds the embedding as little-endian float32 (384 numbers, 1,536 bytes, for
    all-MiniLM-L6-v2), scaled to length one. ``digest`` fingerprints the model and the
    text that was embedded, so an unchanged article is never embedded twice.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    model = models.CharField(max_length=100)
    digest = models.CharField(max_length=40)
    vector = models.BinaryField()
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.article_id} embedded by {self.model} {self.computed_at:%Y-%m-%d %H:%M}"
