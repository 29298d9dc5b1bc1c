from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = _("Online booking")

    def ready(self):
        from appointments import admin as worklist
        from core.sitemaps import register_pages

        from . import signals  # noqa: F401  (the published schedule follows availability)
        from .admin import (
            BookedOnlineFilter,
            booked_time,
            confirm_booked_times,
            decline_booked_times,
            offered_instead,
            propose_another_time,
        )

        # Holds and bookings are patient data and change by the minute: never watched as
        # content (the slot pages are never cached), so only the start page is listed.
        register_pages("booking:start")
        # Booking requests on the front desk's worklist, with their time, a filter for them,
        # and one action each to confirm, decline or propose another time.
        worklist.WORKLIST_COLUMNS.append(booked_time)
        worklist.WORKLIST_RELATED.extend(["booking__provider", "booking__location"])
        worklist.WORKLIST_ANNOTATIONS["offered_instead"] = offered_instead()
        worklist.WORKLIST_ACTIONS.extend(
            [confirm_booked_times, decline_booked_times, propose_another_time]
        )
        worklist.WORKLIST_FILTERS.append(BookedOnlineFilter)
