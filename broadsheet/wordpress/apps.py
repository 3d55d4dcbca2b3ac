from django.apps import AppConfig


class WordpressConfig(AppConfig):
    name = "broadsheet.wordpress"
    verbose_name = "WordPress"
