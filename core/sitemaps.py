"""The sitemap, composed from what each app contributes in its AppConfig.ready()."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

# Filled by register_pages() and register_sitemap(); read by the sitemap view.
STATIC_PAGE_NAMES = []
SITEMAPS = {}


class LanguagesSitemap(Sitemap):
    """Each page once per language, each entry listing all of them and the English one as
    x-default, as the pages' own hreflang links do; absolute URLs from SITE_URL, never from
    the request's Host header. A sitemap whose items exist in fewer languages overrides
    get_languages_for_item()."""

    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        scheme, _, domain = settings.SITE_URL.partition("://")
        return self._urls(page, scheme, domain)


class StaticPagesSitemap(LanguagesSitemap):
    changefreq = "monthly"

    def items(self):
        return STATIC_PAGE_NAMES

    def location(self, item):
        return reverse(item)


class PublishedSitemap(LanguagesSitemap):
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
