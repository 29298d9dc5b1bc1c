from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = _("Offices and providers")

    def ready(self):
        from core.redirects import keep_redirects
        from core.signals import watch_content
        from core.sitemaps import PublishedSitemap, register_pages, register_sitemap

        from .models import Location, Provider

        watch_content(self.label)
        keep_redirects(Location, Provider)
        register_pages("locations:index", "locations:provider_list")
        register_sitemap("locations", PublishedSitemap.of(Location))
        register_sitemap("providers", PublishedSitemap.of(Provider))
