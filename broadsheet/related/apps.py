from django.apps import AppConfig


class RelatedConfig(AppConfig):
    name = "broadsheet.related"
    verbose_name = "Related posts"
