from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelatedConfig(AppConfig):
    name = "broadsheet.related"
    verbose_name = _("Related posts")

    def ready(self) -> None:
        from broadsheet.related import signals  # noqa: F401  (connects the receivers)
