"""The related-posts engine: lists computed at publication, read with one query.

Content-based and self-contained: it needs no server besides the site's database and
runs the same on SQLite and PostgreSQL. Reads are cheap because writes do the work.

How an article is seen (``text``, ``engine``)
    Its headline, standfirst and body become tokens: lower-cased words without stop
    words or plural endings, overlapping character pairs for Chinese, Japanese and
    Korean, and ``#<id>`` for each tag. Headline words count three times, standfirst
    words twice, body words once (the first 1,500), each tag three times. Each token is
    weighted by TF-IDF, ``(1 + ln count) × (ln((N + 1) / (df + 1)) + 1)``, where ``df``
    is how many of the ``N`` indexed articles use it; the 30 heaviest words and all the
    tags are kept, scaled to length one: the article's *vector*.

How it is stored (``discovery.models``, ``index``)
    ``Term`` holds every token and its ``df`` (the empty token counts ``N``);
    ``ArticleTerm`` the vectors, indexed by term so that "who else uses these terms?" is
    an index range scan; ``RelatedLink`` the lists, ten per article (a page shows 3 to
    6; the rest are spares for when a story is withdrawn); ``IndexedArticle`` when each
    article's terms and list were computed.

How a list is computed (``Engine.rank``)
    Look up the article's 10 heaviest terms, reading at most 200 articles per term,
    heaviest first; add up the weight products per article; score the best 80 exactly::

        score = (cosine + same section bonus + 0.01) × recency × (0.5 if another language)

    where ``recency`` falls from 1 towards 0.5 as the two publication times move apart
    (half-way after a year). Every part is symmetric, so when a new article scores an
    older one, the older one would score it the same.

How lists stay fresh (``upkeep``, ``receivers``)
    *Publishing or editing* an article computes its vector and its list, then offers the
    article to the lists of the articles it scored: it enters each one where it beats the
    weakest stored link (the weakest then drops out). No other list is recomputed.
    *Unpublishing or trashing* deletes every link to the article in one statement, and
    its own list and terms; a list left with fewer than six links is recomputed. All of
    it happens inside the publishing transaction. *Scheduled* articles are indexed and
    listed when they are saved; visibility is checked as lists are read, so they appear
    in lists when their time comes, with no work at that moment.

How a list is read (``backend.StoredLists``)
    One query: the linked articles with their section and picture, best first; the
    invisible ones are skipped in Python. An article without a list costs one query
    more: if the engine has indexed it, its list is computed there and then; if it has
    never seen it (articles generated or imported in bulk, a site upgraded from the
    shared-tags rule), the ``SharedTagsRule`` answers until ``masthead related rebuild``
    has run (``rebuild``).

A worked example, on a site of 10,000 indexed articles. A reads "Helio opens a wafer
fab in Taipei" and is tagged Chips; B, a week later, "Helio's Taipei fab hits a wafer
yield snag", also Chips, same section; C, a month earlier, "Brussels weighs new chip
export rules", Chips and EU, another section. "wafer" is in 14 articles, so its IDF is
ln(10001/15) + 1 = 7.5; "chip" is in 2,400, IDF 2.4. A and B share helio, wafer, fab,
taipei and the tag: cosine 0.37, plus 0.08 for the section, plus 0.01, times a recency
of 0.99: **0.45**. A and C share only "chip" and the tag: cosine 0.08, plus 0.01, times
0.97: **0.09**. B leads A's list, and A enters B's list with the same 0.45.

The optional semantic mode (``semantic``) swaps the TF-IDF vectors for sentence
embeddings and keeps everything else: the blend above (``engine.ListPolicy``), the
stored lists, their upkeep and rebuild.
"""
