from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatmentsConfig(AppConfig):
    name = "treatments"
    verbose_name = _("Treatments")

    def ready(self):
        from core.redirects import keep_redirects
        from core.signals import watch_content
        from core.sitemaps import PublishedSitemap, register_pages, register_sitemap

        from .models import Condition, ResourcePage, Treatment
        from .tasks import connect_signals

        watch_content(self.label)
        keep_redirects(Treatment, Condition, ResourcePage)
        register_pages(
            "treatments:index",
            "treatments:condition_list",
            "treatments:quiz",
            "treatments:resources",
        )
        register_sitemap("treatments", PublishedSitemap.of(Treatment))
        register_sitemap("conditions", PublishedSitemap.of(Condition))
        register_sitemap("resources", PublishedSitemap.of(ResourcePage))
        connect_signals()
