"""An .ics file for one booking (RFC 5545): the time, the office and nothing about health."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _


def _escape(text):
    return (
        str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def booking_ics(booking):
    office = booking.location
    host = settings.SITE_URL.split("://", 1)[-1]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{_escape(settings.PRACTICE_NAME)}//Online booking//EN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:booking-{booking.pk}@{host}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(booking.starts_at)}",
        f"DTEND:{_utc(booking.ends_at)}",
        "SUMMARY:" + _escape(_("Appointment at the %(office)s office") % {"office": office.name}),
        "LOCATION:" + _escape(office.one_line_address),
        "DESCRIPTION:"
        + _escape(
            _("Reference %(reference)s. To change it, call %(phone)s.")
            % {"reference": booking.reference, "phone": office.phone}
        ),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
