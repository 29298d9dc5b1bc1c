from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from locations.models import Location, Provider
from treatments.models import Treatment


class StaticPagesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "home",
            "treatments:index",
            "locations:index",
            "locations:provider_list",
            "testimonials:index",
            "appointments:request",
            "privacy",
        ]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(Sitemap):
    model = None

    def items(self):
        return self.model.objects.published()

    def lastmod(self, obj):
        return obj.updated_at


class TreatmentSitemap(PublishedSitemap):
    model = Treatment


class LocationSitemap(PublishedSitemap):
    model = Location


class ProviderSitemap(PublishedSitemap):
    model = Provider


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "treatments": TreatmentSitemap,
    "locations": LocationSitemap,
    "providers": ProviderSitemap,
}
