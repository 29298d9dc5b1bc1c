"""The sitemap, composed from what each app contributes in its AppConfig.ready()."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core.translation_review import languages_with_text

# Filled by register_pages() and register_sitemap(); read by the sitemap view.
STATIC_PAGE_NAMES = []
# URL name -> a function giving the languages that page's text is reviewed in.
STATIC_PAGE_LANGUAGES = {}
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

    def get_languages_for_item(self, item):
        languages = STATIC_PAGE_LANGUAGES.get(item)
        return languages() if languages else super().get_languages_for_item(item)


class PublishedSitemap(LanguagesSitemap):
    """Every published row of a model: `PublishedSitemap.of(Treatment)`, in the languages its
    text is reviewed in (the model is a SpanishReview), as its page's hreflang links say."""

    model = None

    @classmethod
    def of(cls, model):
        return type(f"{model.__name__}Sitemap", (cls,), {"model": model})

    def items(self):
        return self.model.objects.published()

    def get_languages_for_item(self, obj):
        return languages_with_text(obj)

    def lastmod(self, obj):
        return obj.updated_at


def register_pages(*url_names, languages=None):
    """Pages with a fixed URL (an index, a form) that belong in the sitemap: in every
    language (their text is the interface's), or in those `languages()` returns when the
    pages show some content's text, e.g. the home page's hero."""
    STATIC_PAGE_NAMES.extend(url_names)
    for name in url_names if languages else ():
        STATIC_PAGE_LANGUAGES[name] = languages


def register_sitemap(name, sitemap):
    SITEMAPS[name] = sitemap


SITEMAPS["pages"] = StaticPagesSitemap
