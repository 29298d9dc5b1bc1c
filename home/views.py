"""The home page and the website's privacy notice."""

from django.views.generic import TemplateView

from core.caching import cache_public_page
from treatments.models import Treatment

from .models import TrustPoint


class HomeView(TemplateView):
    template_name = "home/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            featured_treatments=Treatment.objects.featured()[:6],
            trust_points=TrustPoint.objects.all(),
            **kwargs,
        )


home = cache_public_page(HomeView.as_view())


class PrivacyView(TemplateView):
    template_name = "home/privacy.html"


privacy = cache_public_page(PrivacyView.as_view())
