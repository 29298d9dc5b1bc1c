from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimonialsConfig(AppConfig):
    name = "testimonials"
    verbose_name = _("Testimonials")

    def ready(self):
        from core.signals import watch_content
        from core.sitemaps import register_pages

        watch_content(self.label)
        register_pages("testimonials:index")
