from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "broadsheet.caching"
    verbose_name = "Caching"

    def ready(self) -> None:
        from broadsheet.caching import invalidation, lists

        invalidation.connect()
        lists.connect()
