from django.contrib.admin.apps import AdminConfig


class BroadsheetAdminConfig(AdminConfig):
    """django.contrib.admin with Broadsheet's admin site, which asks staff who have set up
    two-factor authentication for a code. Everyone's `admin.site` is this site."""

    default_site = "broadsheet.security.admin_site.BroadsheetAdminSite"

    def ready(self) -> None:
        from broadsheet.security import admin_widgets

        admin_widgets.install()
        super().ready()
