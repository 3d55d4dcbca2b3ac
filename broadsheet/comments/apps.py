from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "broadsheet.comments"
