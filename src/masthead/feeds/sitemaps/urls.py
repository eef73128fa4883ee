"""Routes of this part of the feeds app."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
