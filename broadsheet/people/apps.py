from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(app_config: AppConfig, using: str = "default", **kwargs: Any) -> None:
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from broadsheet.people.roles import sync_roles

    # This receiver is connected before django.contrib.auth's (this app comes first in
    # INSTALLED_APPS), so the sending app's permissions may not exist yet: make them now
    # (idempotent), or the last app's would never reach the Administrator role.
    create_permissions(app_config, verbosity=0, using=using, apps=kwargs.get("apps") or global_apps)
    sync_roles()


class PeopleConfig(AppConfig):
    name = "broadsheet.people"
    verbose_name = "People"

    def ready(self) -> None:
        # After every migrate, so new permissions reach the roles on upgrade.
        post_migrate.connect(_sync_roles, dispatch_uid="broadsheet.people.sync_roles")
