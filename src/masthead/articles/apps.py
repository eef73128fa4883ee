from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "masthead.articles"
    label = "articles"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from masthead.articles import receivers  # noqa: F401  (connects the receivers)
