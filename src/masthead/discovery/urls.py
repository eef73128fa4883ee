"""The discovery app's public URLs: the search page."""

from django.urls import path

from masthead.discovery.search.views import SearchView

app_name = "discovery"

urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
]
