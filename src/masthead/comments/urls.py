from django.urls import path

from masthead.comments import views

app_name = "comments"

urlpatterns = [
    path("post/<int:article_id>/", views.post_comment, name="post"),
]
