"""The newsroom's models; import them from here (``masthead.articles.models``)."""

from masthead.articles.models import checks  # noqa: F401  (registers its system checks)
from masthead.articles.models.article import Article, ArticleAuthor
from masthead.articles.models.editing import EditSession
from masthead.articles.models.media import Image
from masthead.articles.models.page import Page
from masthead.articles.models.people import Author, Source
from masthead.articles.models.preview import PreviewLink
from masthead.articles.models.revision import Revision
from masthead.articles.models.site import MenuItem, SiteSettings
from masthead.articles.models.taxonomy import Category, Tag

__all__ = [
    "Article",
    "ArticleAuthor",
    "Author",
    "Category",
    "EditSession",
    "Image",
    "MenuItem",
    "Page",
    "PreviewLink",
    "Revision",
    "SiteSettings",
    "Source",
    "Tag",
]
