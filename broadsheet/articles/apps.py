from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "broadsheet.articles"

    def ready(self) -> None:
        from broadsheet.articles import search
        from broadsheet.articles.models import Article, Category
        from broadsheet.articles.signals import articles_changed
        from broadsheet.lib import sitewide

        search.connect_signals()
        # The menu (top-level categories and pages) is kept per process; a bulk write (an
        # import) saves rows without signals and says so once at the end.
        sitewide.watch(Article, Category)
        articles_changed.connect(_bulk_changed, dispatch_uid="broadsheet.sitewide.bulk")


def _bulk_changed(**kwargs: object) -> None:
    from broadsheet.lib import sitewide

    sitewide.changed()
