"""The home page and the website's privacy notice."""

from django.views.generic import TemplateView

from core.caching import cache_public_page
from core.translation_review import languages_with_text
from treatments.models import Treatment

from .context_processors import site_settings
from .models import TrustPoint


def site_text_languages():
    """The languages of the pages led by the practice's own words (the home page's hero,
    the privacy notice): a language counts once the site texts' translation is reviewed.
    Their other parts (treatment cards, trust points) are marked where they fall back."""
    return languages_with_text(site_settings())


class SiteTextsLanguagesMixin:
    def get_context_data(self, **kwargs):
        return super().get_context_data(alternate_languages=site_text_languages(), **kwargs)


class HomeView(SiteTextsLanguagesMixin, TemplateView):
    template_name = "home/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            featured_treatments=Treatment.objects.featured()[:6],
            trust_points=TrustPoint.objects.all(),
            **kwargs,
        )


home = cache_public_page(HomeView.as_view())


class PrivacyView(SiteTextsLanguagesMixin, TemplateView):
    template_name = "home/privacy.html"


privacy = cache_public_page(PrivacyView.as_view())
