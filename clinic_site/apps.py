from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicSiteConfig(AppConfig):
    name = "clinic_site"
    verbose_name = _("Site")

    def ready(self):
        from . import signals  # noqa: F401 - connects cache invalidation and image renditions
