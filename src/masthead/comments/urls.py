from django.urls import path, re_path

from masthead.articles.urls import DAY, MONTH, SLUG, YEAR
from masthead.comments import views
from masthead.comments.feeds import ArticleCommentsFeed, SiteCommentsFeed

app_name = "comments"

urlpatterns = [
    path("post/<int:article_id>/", views.post_comment, name="post"),
    path("stamp/<int:article_id>/", views.form_stamp, name="stamp"),
    path("feed/", SiteCommentsFeed(), name="feed"),
    path("moderate/<str:token>/", views.moderate_by_link, name="moderate"),
]

# Mounted at the site's root: WordPress keeps an article's comment feed under its URL.
article_urlpatterns = [
    re_path(rf"^{YEAR}/{MONTH}/{DAY}/{SLUG}/feed/$", ArticleCommentsFeed(), name="article-feed"),
]
