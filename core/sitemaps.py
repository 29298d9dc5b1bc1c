"""The sitemap, composed from what each app contributes in its AppConfig.ready()."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

# Filled by register_pages() and register_sitemap(); read by the sitemap view.
STATIC_PAGE_NAMES = []
SITEMAPS = {}


class SiteUrlSitemap(Sitemap):
    """Absolute URLs from SITE_URL, never from the request's Host header."""

    def get_urls(self, page=1, site=None, protocol=None):
        scheme, _, domain = settings.SITE_URL.partition("://")
        return self._urls(page, scheme, domain)


class StaticPagesSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return STATIC_PAGE_NAMES

    def location(self, item):
        return reverse(item)


class PublishedSitemap(SiteUrlSitemap):
    """Every published row of a model: `PublishedSitemap.of(Treatment)`."""

    model = None

    @classmethod
    def of(cls, model):
        return type(f"{model.__name__}Sitemap", (cls,), {"model": model})

    def items(self):
        return self.model.objects.published()

    def lastmod(self, obj):
        return obj.updated_at


def register_pages(*url_names):
    """Pages with a fixed URL (an index, a form) that belong in the sitemap."""
    STATIC_PAGE_NAMES.extend(url_names)


def register_sitemap(name, sitemap):
    SITEMAPS[name] = sitemap


SITEMAPS["pages"] = StaticPagesSitemap
