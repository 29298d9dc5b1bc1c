from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor every app builds on. It imports no feature app."""

    name = "core"
    verbose_name = _("Shared")

    def ready(self):
        from . import signals  # noqa: F401 - connects the page-cache and rendition receivers
