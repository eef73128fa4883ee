"""What crawlers read: ``/sitemap.xml``, ``/news-sitemap.xml`` and ``/robots.txt``.

``sections.py`` says what each sitemap section lists (a ``Section`` per subject, see
``base.py``), ``news.py`` the Google News sitemap, ``views.py`` the index and
``robots.py`` the crawl rules. docs/crawlers.md describes the files.
"""
