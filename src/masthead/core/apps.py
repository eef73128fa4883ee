from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from masthead.config import checks  # noqa: F401  (registers the system checks)
