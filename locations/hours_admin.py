"""The office form's weekly hours grid and its providers, kept apart from admin.py.

Hours stay stored as periods (OpeningHours rows: the open-now note, the appointment form's
days, the callback due time and the structured data read them). Staff edit them as people
write a week: one row a day with opening and closing times, an optional lunch break, or
closed. A day's row becomes one period, or two around the lunch break.
"""

from dataclasses import dataclass
from datetime import time

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import translates_only

from .clock import clock_12h, parse_clock
from .models import OpeningHours, Provider, Weekday

TIMES = ("opens", "closes", "lunch_from", "lunch_to")
COLUMN_LABELS = {
    "opens": _("Opens"),
    "closes": _("Closes"),
    "lunch_from": _("Lunch break from"),
    "lunch_to": _("Lunch break to"),
}
WORKDAYS_AFTER_MONDAY = (1, 2, 3, 4)


@dataclass(frozen=True)
class DayRow:
    opens: time | None = None
    closes: time | None = None
    lunch_from: time | None = None
    lunch_to: time | None = None

    @property
    def closed(self):
        return self.opens is None

    def periods(self):
        if self.closed:
            return []
        if self.lunch_from is None:
            return [(self.opens, self.closes)]
        return [(self.opens, self.lunch_from), (self.lunch_to, self.closes)]


def row_of(periods):
    """A day's stored periods as a grid row: the first break between them is the lunch."""
    periods = sorted(periods)
    if not periods:
        return DayRow()
    if len(periods) == 1:
        return DayRow(periods[0][0], periods[0][1])
    return DayRow(periods[0][0], periods[-1][1], periods[0][1], periods[1][0])


def rows_of(location):
    by_day = {day: [] for day in range(7)}
    for period in location.opening_hours.all():
        by_day[period.weekday].append((period.opens, period.closes))
    return [row_of(by_day[day]) for day in range(7)]


class WeeklyHoursWidget(forms.Widget):
    """A table, a row per day: four time boxes and a "Closed" box, plus "copy Monday"."""

    template_name = "admin/locations/weekly_hours.html"

    def value_from_datadict(self, data, files, name):
        if not any(key.startswith(f"{name}_") for key in data):
            return None  # a form posted without the grid (a script, an old page) keeps the hours
        return {
            "days": [
                {
                    **{part: data.get(f"{name}_{day}_{part}", "") for part in TIMES},
                    "closed": f"{name}_{day}_closed" in data,
                }
                for day in range(7)
            ],
            "copy_monday": f"{name}_copy_monday" in data,
        }

    def id_for_label(self, id_):
        return ""  # the field's label names the whole table, which has its own headers

    def render(self, name, value, attrs=None, renderer=None):
        value = value or {"days": [DayRow()] * 7, "copy_monday": False}
        days = []
        for day, entry in enumerate(value["days"]):
            if isinstance(entry, DayRow):
                shown = {part: _shown(getattr(entry, part)) for part in TIMES}
                closed = entry.closed
            else:
                shown, closed = {part: entry[part] for part in TIMES}, entry["closed"]
            label = Weekday(day).label
            days.append(
                {
                    "label": label,
                    "closed": closed,
                    "closed_name": f"{name}_{day}_closed",
                    "cells": [
                        {
                            "name": f"{name}_{day}_{part}",
                            "value": shown[part],
                            "label": f"{label}: {COLUMN_LABELS[part]}",
                        }
                        for part in TIMES
                    ],
                }
            )
        return render_to_string(
            self.template_name,
            {
                "name": name,
                "days": days,
                "columns": [COLUMN_LABELS[part] for part in TIMES],
                "copy_monday": value.get("copy_monday", False),
            },
        )


def _shown(value):
    return clock_12h(value) if value is not None else ""


class WeeklyHoursField(forms.Field):
    widget = WeeklyHoursWidget

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):  # initial rows
            return {"days": value, "copy_monday": False}
        return value

    def clean(self, value):
        if value is None:
            return None
        before = self.initial or [DayRow()] * 7
        rows, errors = [], {}
        for day, entry in enumerate(value["days"]):
            try:
                rows.append(self._row(Weekday(day).label, entry, was_closed=before[day].closed))
            except ValidationError as error:
                errors[day] = error
                rows.append(None)
        if value["copy_monday"] and 0 not in errors:
            # Tuesday to Friday are replaced, so what was typed there does not matter.
            rows = [rows[0] if day in WORKDAYS_AFTER_MONDAY else rows[day] for day in range(7)]
            errors = {day: e for day, e in errors.items() if day not in WORKDAYS_AFTER_MONDAY}
        if errors:
            raise ValidationError(list(errors.values()))
        return rows

    def has_changed(self, initial, data):
        if data is None:
            return False
        try:
            return self.clean(data) != (initial or [DayRow()] * 7)
        except ValidationError:
            return True

    @staticmethod
    def _row(day, entry, *, was_closed):
        typed = any(entry[part].strip() for part in TIMES)
        # A closed day is shown ticked: typing its hours opens it without unticking. On an
        # open day, ticking Closed closes it without clearing four boxes.
        if entry["closed"] and not (typed and was_closed):
            return DayRow()
        times = {}
        for part in TIMES:
            text = entry[part].strip()
            if not text:
                times[part] = None
                continue
            times[part] = parse_clock(text)
            if times[part] is None:
                raise ValidationError(
                    gettext(
                        "%(day)s, %(column)s: “%(text)s” is not a time we can read. Write it "
                        "as 8am, 8:30 AM or 17:30."
                    )
                    % {"day": day, "column": COLUMN_LABELS[part], "text": text}
                )
        opens, closes = times["opens"], times["closes"]
        lunch_from, lunch_to = times["lunch_from"], times["lunch_to"]
        if opens is None and closes is None and lunch_from is None and lunch_to is None:
            return DayRow()
        if opens is None or closes is None:
            raise ValidationError(
                gettext("%(day)s: enter when the office opens and closes, or tick Closed.")
                % {"day": day}
            )
        if closes <= opens:
            raise ValidationError(
                gettext("%(day)s: closing time must be after opening time.") % {"day": day}
            )
        if (lunch_from is None) != (lunch_to is None):
            raise ValidationError(
                gettext(
                    "%(day)s: enter when the lunch break starts and when it ends, or leave "
                    "both empty."
                )
                % {"day": day}
            )
        if lunch_from is not None and not opens < lunch_from < lunch_to < closes:
            raise ValidationError(
                gettext(
                    "%(day)s: the lunch break must start after opening, end before closing, "
                    "and end after it starts."
                )
                % {"day": day}
            )
        return DayRow(opens, closes, lunch_from, lunch_to)


class LocationAdminForm(forms.ModelForm):
    """The grid and the providers beside the office's own fields, which the admin lists."""

    weekly_hours = WeeklyHoursField(
        label=_("Weekly hours"),
        help_text=_(
            "Write times as you would say them: 8am, 8:30 AM or 17:30. Leave a day empty or "
            "tick Closed when the office is shut. The lunch break is optional."
        ),
    )
    office_providers = forms.ModelMultipleChoiceField(
        label=_("Providers"),
        queryset=Provider.objects.all(),
        required=False,
        # Ticked boxes rather than Django's two-list filter: a practice has tens of providers,
        # and the filter's help icons fail axe (aria-label on a bare span).
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Who sees patients at this office. Their part in each treatment is set on the "
            "provider's own page."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            if "weekly_hours" in self.fields:
                self.fields["weekly_hours"].initial = rows_of(self.instance)
            if "office_providers" in self.fields:
                self.fields["office_providers"].initial = list(self.instance.providers.all())

    def _save_m2m(self):
        super()._save_m2m()
        if "office_providers" in self.fields:
            self.instance.providers.set(self.cleaned_data["office_providers"])
        if self.cleaned_data.get("weekly_hours") is not None:
            rows_before = self.fields["weekly_hours"].initial
            save_weekly_hours(self.instance, self.cleaned_data["weekly_hours"], rows_before)


@transaction.atomic
def save_weekly_hours(location, rows, rows_before=None):
    """Rewrite the days whose row changed; a day left as it was keeps its stored periods
    (even three of them, which the grid shows as one lunch break)."""
    rows_before = rows_before or [DayRow()] * 7
    changed = [day for day in range(7) if rows[day] != rows_before[day]]
    if not changed:
        return
    location.opening_hours.filter(weekday__in=changed).delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(location=location, weekday=day, opens=opens, closes=closes)
        for day in changed
        for opens, closes in rows[day].periods()
    )


class OfficeHoursAndProvidersMixin:
    """The grid and the providers on the office form. Translators and staff who may only
    view see them as text: neither is Spanish to translate."""

    form = LocationAdminForm
    grid_fieldsets = [
        (_("Opening hours"), {"fields": ["weekly_hours"]}),
        (_("Providers"), {"fields": ["office_providers"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        return [*super().get_fieldsets(request, obj), *self.grid_fieldsets]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if translates_only(request, self.model):
            readonly += ["weekly_hours", "office_providers"]
        return readonly

    @admin.display(description=_("Weekly hours"))
    def weekly_hours(self, obj):
        if obj is None or not obj.pk:
            return "—"
        return format_html_join(
            "",
            "<div>{}: {}</div>",
            (
                (
                    Weekday(day).label,
                    ", ".join(f"{clock_12h(a)} – {clock_12h(b)}" for a, b in row.periods())
                    or gettext("Closed"),
                )
                for day, row in enumerate(rows_of(obj))
            ),
        )

    @admin.display(description=_("Providers"))
    def office_providers(self, obj):
        if obj is None or not obj.pk:
            return "—"
        return ", ".join(str(provider) for provider in obj.providers.all()) or "—"
