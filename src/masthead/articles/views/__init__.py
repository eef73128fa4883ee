"""Public pages: home, article, archives, health checks, the icon."""

from masthead.articles.views.archives import (
    AuthorArchive,
    CategoryArchive,
    DayArchive,
    MonthArchive,
    TagArchive,
    YearArchive,
)
from masthead.articles.views.health import healthz, readyz
from masthead.articles.views.home import HomeView
from masthead.articles.views.icons import favicon
from masthead.articles.views.pages import (
    article_page,
    find_article,
    render_article_page,
)
from masthead.articles.views.static import static_page

__all__ = [
    "AuthorArchive",
    "CategoryArchive",
    "DayArchive",
    "HomeView",
    "MonthArchive",
    "TagArchive",
    "YearArchive",
    "article_page",
    "favicon",
    "find_article",
    "healthz",
    "readyz",
    "render_article_page",
    "static_page",
]
