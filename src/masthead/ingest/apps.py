from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "masthead.ingest"
    label = "ingest"
    verbose_name = "Import and wire ingest"

    def ready(self) -> None:
        from masthead.articles.signals import article_moved
        from masthead.ingest.receivers import remember_old_address

        article_moved.connect(remember_old_address, dispatch_uid="ingest-remember-old-address")
