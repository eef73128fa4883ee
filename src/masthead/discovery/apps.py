from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "masthead.discovery"
    label = "discovery"
    verbose_name = "Discovery"

    def ready(self) -> None:
        from masthead.discovery.related import receivers as related  # noqa: F401
        from masthead.discovery.search import receivers as search  # noqa: F401
