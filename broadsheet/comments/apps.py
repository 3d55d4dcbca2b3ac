from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "broadsheet.comments"

    def ready(self) -> None:
        from broadsheet.comments.models import DiscussionSettings
        from broadsheet.lib import sitewide

        # Pages keep the discussion settings per process (DiscussionSettings.current).
        sitewide.watch(DiscussionSettings)
