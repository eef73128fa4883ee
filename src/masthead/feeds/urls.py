"""What machines read: the syndication feeds, the sitemaps and robots.txt.

Mounted before the articles' URLs: ``/category/<slug>/feed/`` would otherwise be taken
for a subsection called "feed".
"""

from django.urls import include, path

app_name = "feeds"

urlpatterns = [
    path("", include("masthead.feeds.syndication.urls")),
    path("", include("masthead.feeds.sitemaps.urls")),
]
