from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """WordPress's privacy tools: export and erase the personal data held for an email
    address, and erase commenters' IP addresses after a set number of days."""

    name = "broadsheet.privacy"
    label = "privacy"
    verbose_name = _("Privacy")
