from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "masthead.api"
    label = "api"
    verbose_name = "REST API"

    def ready(self) -> None:
        from masthead.api.webhooks import receivers  # noqa: F401 (connects them)
