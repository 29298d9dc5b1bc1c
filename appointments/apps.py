from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("Appointment requests")

    def ready(self):
        from core.sitemaps import register_pages

        # Requests are patient data: never watched as content, never cached.
        register_pages("appointments:request")
