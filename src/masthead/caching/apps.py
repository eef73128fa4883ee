from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "masthead.caching"
    label = "caching"
    verbose_name = "Caching"

    def ready(self) -> None:
        from masthead.caching import receivers

        receivers.connect()
