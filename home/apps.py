from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page and the practice's site-wide texts (name, phone, footer, privacy)."""

    name = "home"
    # These models began life in the clinic_site app. Keeping its label keeps their tables,
    # migration history and staff permissions as they are on every existing database.
    label = "clinic_site"
    verbose_name = _("Site")

    def ready(self):
        from core.signals import watch_content
        from core.sitemaps import register_pages

        from .views import site_text_languages

        watch_content(self.label)
        register_pages("home", "privacy", languages=site_text_languages)
