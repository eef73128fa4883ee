from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "masthead.comments"
    label = "comments"
    verbose_name = "Comments"

    def ready(self) -> None:
        from masthead.comments import receivers  # noqa: F401 (connects them)
