from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Logins (throttling, two-factor), request ids and error reporting."""

    name = "broadsheet.security"
    label = "security"
    verbose_name = _("Security")

    def ready(self) -> None:
        from broadsheet.security import two_factor  # noqa: F401  (connects its login signal)
