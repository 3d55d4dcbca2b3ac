from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(**kwargs: object) -> None:
    from broadsheet.people.roles import sync_roles

    sync_roles()


class PeopleConfig(AppConfig):
    name = "broadsheet.people"
    verbose_name = "People"

    def ready(self) -> None:
        # After every migrate, so new permissions reach the roles on upgrade.
        post_migrate.connect(_sync_roles, dispatch_uid="broadsheet.people.sync_roles")
