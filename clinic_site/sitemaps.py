from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from locations.models import Location, Provider
from treatments.models import Condition, ResourcePage, Treatment


class StaticPagesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "home",
            "treatments:index",
            "treatments:quiz",
            "treatments:resources",
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


class ConditionSitemap(PublishedSitemap):
    model = Condition


class ResourcePageSitemap(PublishedSitemap):
    model = ResourcePage


class LocationSitemap(PublishedSitemap):
    model = Location


class ProviderSitemap(PublishedSitemap):
    model = Provider


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "treatments": TreatmentSitemap,
    "conditions": ConditionSitemap,
    "resources": ResourcePageSitemap,
    "locations": LocationSitemap,
    "providers": ProviderSitemap,
}
