"""The admin site, titled for the newsroom."""

from django.contrib import admin


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Masthead newsroom"
    site_title = "Masthead"
    index_title = "Back office"
