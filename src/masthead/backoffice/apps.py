from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class AdminSiteConfig(AdminConfig):
    """Django's admin, with Masthead's admin site as the default site."""

    default_site = "masthead.backoffice.site.NewsroomAdminSite"


class BackofficeConfig(AppConfig):
    """The back office's own models and screens: roles, the audit log, the dashboard."""

    name = "masthead.backoffice"
    verbose_name = "Back office"

    def ready(self) -> None:
        from masthead.backoffice import receivers

        receivers.connect()
