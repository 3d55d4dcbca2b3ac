from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "broadsheet.articles"

    def ready(self) -> None:
        from broadsheet.articles import search

        search.connect_signals()
