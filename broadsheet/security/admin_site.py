from __future__ import annotations

from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from broadsheet.security import two_factor
from broadsheet.security.forms import LoginForm


class BroadsheetAdminSite(AdminSite):
    """The admin site everyone registers with (`django.contrib.admin.site`).

    A staff member with an authenticator app counts as logged in to the admin only once this
    session has given a code from it; staff without one need only their password.
    """

    site_header = _("Broadsheet")
    site_title = _("Broadsheet admin")
    login_form = LoginForm
    login_template = "security/login.html"

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not two_factor.needs_code(request)
