from django.contrib.admin.apps import AdminConfig


class BackofficeConfig(AdminConfig):
    """Django's admin, with Masthead's admin site as the default site."""

    default_site = "masthead.backoffice.site.NewsroomAdminSite"
    verbose_name = "Back office"
