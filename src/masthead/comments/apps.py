from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "masthead.comments"
    label = "comments"
    verbose_name = "Comments"

    def ready(self) -> None:
        from masthead.comments import notifications, receivers, signals  # noqa: F401

        signals.comment_submitted.connect(
            notifications.on_comment_submitted, dispatch_uid="masthead.comments.notify_authors"
        )
