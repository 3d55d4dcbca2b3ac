from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "broadsheet.feeds"
    verbose_name = "Feeds and sitemaps"
