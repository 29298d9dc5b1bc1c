from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ClinicSiteConfig(AppConfig):
    default = True
    name = "clinic_site"
    verbose_name = _("Site")

    def ready(self):
        from . import checks, signals  # noqa: F401 - registers checks and signal receivers


class StaffAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "clinic_site.admin_site.StaffAdminSite"
