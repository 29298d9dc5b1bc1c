"""Is an office open now, and when does it open next? Always in the office's own time zone."""

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .models import Weekday

# A weekday inside a sentence ("opens Monday at 8:00 AM"), apart from the labels that
# head the hours table: Spanish writes it in lower case there ("abre el lunes").
WEEKDAYS_IN_A_SENTENCE = (
    pgettext_lazy("weekday inside a sentence", "Monday"),
    pgettext_lazy("weekday inside a sentence", "Tuesday"),
    pgettext_lazy("weekday inside a sentence", "Wednesday"),
    pgettext_lazy("weekday inside a sentence", "Thursday"),
    pgettext_lazy("weekday inside a sentence", "Friday"),
    pgettext_lazy("weekday inside a sentence", "Saturday"),
    pgettext_lazy("weekday inside a sentence", "Sunday"),
)


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    message: str


def _periods_by_day(location):
    days = {day: [] for day in range(7)}
    for period in location.opening_hours.all():  # prefetched: no query per office
        days[period.weekday].append(period)
    for periods in days.values():
        periods.sort(key=lambda p: p.opens)
    return days


def _clock(value: time):
    return time_format(value)  # the active language's TIME_FORMAT


def local_now(location, now=None):
    return (now or timezone.now()).astimezone(location.zone)


def open_status(location, now=None) -> OpenStatus:
    """'Open now until 5:00 PM', 'Closed now · opens today at 1:00 PM', and so on."""
    here = local_now(location, now)
    days = _periods_by_day(location)
    closed_on = {closure.date: closure.reason for closure in location.closures.all()}
    today = here.date()
    if today not in closed_on:
        for period in days[today.weekday()]:
            if period.opens <= here.time() < period.closes:
                return OpenStatus(
                    True, _("Open now until %(time)s") % {"time": _clock(period.closes)}
                )
    for ahead in range(8):
        day = today + timedelta(days=ahead)
        if day in closed_on:
            continue
        for period in days[day.weekday()]:
            if ahead == 0 and period.opens <= here.time():
                continue
            return OpenStatus(False, _next_opening(ahead, day, period.opens, closed_on.get(today)))
    return OpenStatus(False, _("Closed now"))


def _next_opening(ahead, day: date, opens: time, closed_today_reason):
    clock = _clock(opens)
    if ahead == 0:
        return _("Closed now · opens today at %(time)s") % {"time": clock}
    prefix = (
        _("Closed today (%(reason)s)") % {"reason": closed_today_reason}
        if closed_today_reason
        else _("Closed now")
    )
    if ahead == 1:
        return _("%(prefix)s · opens tomorrow at %(time)s") % {"prefix": prefix, "time": clock}
    return _("%(prefix)s · opens %(day)s at %(time)s") % {
        "prefix": prefix,
        "day": WEEKDAYS_IN_A_SENTENCE[day.weekday()],
        "time": clock,
    }


def weekly_table(location, now=None):
    """Seven rows, Monday first, each with its periods and whether it is today at the office."""
    today = local_now(location, now).weekday()
    days = _periods_by_day(location)
    return [
        {"day": Weekday(day).label, "periods": days[day], "is_today": day == today}
        for day in range(7)
    ]


def upcoming_closures(location, now=None):
    today = local_now(location, now).date()
    return [closure for closure in location.closures.all() if closure.date >= today]
