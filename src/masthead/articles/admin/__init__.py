"""Back-office screens for the newsroom's content; every save goes through services."""

from masthead.articles.admin.library import (
    AuthorAdmin,
    CategoryAdmin,
    ImageAdmin,
    MenuItemAdmin,
    PageAdmin,
    SiteSettingsAdmin,
    SourceAdmin,
    TagAdmin,
)
from masthead.articles.admin.stories import URL_FIELDS, ArticleAdmin

__all__ = [
    "URL_FIELDS",
    "ArticleAdmin",
    "AuthorAdmin",
    "CategoryAdmin",
    "ImageAdmin",
    "MenuItemAdmin",
    "PageAdmin",
    "SiteSettingsAdmin",
    "SourceAdmin",
    "TagAdmin",
]
