from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notices")

    def ready(self):
        from core.signals import watch_content
        from core.sitemaps import PublishedSitemap, register_sitemap

        from .models import Notice

        watch_content(self.label)
        register_sitemap("notices", PublishedSitemap.of(Notice))
