"""Free times in the open SMART Scheduling Links format, for schedulers and directories.

A `$bulk-publish` manifest links three NDJSON files: Location (each office that has online
availability), Schedule (one per office and appointment type) and Slot (each time in the
types' horizons: "free" with a deep link to our slot page for that week, or "busy" where a
hold or booking takes it, as the specification asks publishers to include so clients see
total capacity; both with the office's phone).
See https://github.com/smart-on-fhir/smart-scheduling-links (specification.md).

The files are built from the availability adapter (slots.py), so a practice-management
system's adapter is published the same way. They are cached under an availability version
that every change to availability, closures or bookings bumps (signals.py): the next request
after a change is built afresh, and clients polling every minute cost one cache read.
Nothing about patients is published: only whether a time is free or busy.
"""

import json
from datetime import UTC

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from locations.models import Location

from .models import AppointmentType, WeeklyAvailability
from .slots import all_slots

VERSION_KEY = "booking:availability-version"
CACHE_SECONDS = 300
DEEP_LINK = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link"
BOOKING_PHONE = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone"
KINDS = {"Location": "locations", "Schedule": "schedules", "Slot": "slots"}


def bump_availability_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def _version():
    return cache.get_or_set(VERSION_KEY, 1, None)


def _instant(moment):
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _absolute(path):
    return settings.SITE_URL + path


def _schedules():
    """(office, appointment type) pairs with availability of a published provider."""
    pairs = (
        WeeklyAvailability.objects.filter(
            provider__is_published=True,
            location__is_published=True,
            appointment_type__bookable_online=True,
        )
        .values_list("location_id", "appointment_type_id")
        .distinct()
    )
    pairs = set(pairs)
    offices = Location.objects.in_bulk({office for office, _type in pairs})
    types = AppointmentType.objects.in_bulk({kind for _office, kind in pairs})
    return sorted(
        ((offices[office], types[kind]) for office, kind in pairs),
        key=lambda pair: (pair[0].name, pair[1].sort_order, pair[1].name),
    )


def location_resource(office):
    return {
        "resourceType": "Location",
        "id": str(office.pk),
        "name": office.name,
        "telecom": [
            {"system": "phone", "value": office.phone},
            {"system": "url", "value": _absolute(office.get_absolute_url())},
        ],
        "address": {
            "line": [office.street_address],
            "city": office.city,
            "state": office.state,
            "postalCode": office.zip_code,
        },
        **(
            {"position": {"latitude": office.latitude, "longitude": office.longitude}}
            if office.latitude is not None and office.longitude is not None
            else {}
        ),
    }


def schedule_id(office, kind):
    return f"{office.pk}.{kind.pk}"


def schedule_resource(office, kind):
    return {
        "resourceType": "Schedule",
        "id": schedule_id(office, kind),
        "serviceType": [
            {
                "coding": [
                    {
                        # The practice's own list of visit types (a URI, as FHIR names them).
                        "system": _absolute("/appointment-types"),
                        "code": kind.slug,
                        "display": kind.name_en or kind.name,
                    }
                ]
            }
        ],
        "actor": [{"reference": f"Location/{office.pk}"}],
        "extension": [{"url": BOOKING_PHONE, "valueString": office.phone}],
    }


def _deep_link(slot):
    query = {
        "type": slot.appointment_type.slug,
        "location": slot.location.slug,
        "provider": slot.provider.slug,
        "week": slot.local_start.date().isoformat(),
    }
    return _absolute(reverse("booking:start")) + "?" + urlencode(query)


def slot_resource(slot):
    office, kind = slot.location, slot.appointment_type
    phone = {"url": BOOKING_PHONE, "valueString": office.phone}
    return {
        "resourceType": "Slot",
        # The same id free or busy, so a client sees a time change state.
        "id": f"{schedule_id(office, kind)}.{slot.provider.pk}.{slot.starts_at:%Y%m%d%H%M}",
        "schedule": {"reference": f"Schedule/{schedule_id(office, kind)}"},
        "status": "busy" if slot.busy else "free",
        "start": _instant(slot.starts_at),
        "end": _instant(slot.ends_at),
        # A busy time cannot be booked: no link to start booking it.
        "extension": [phone]
        if slot.busy
        else [{"url": DEEP_LINK, "valueUrl": _deep_link(slot)}, phone],
    }


def _build(now):
    schedules = _schedules()
    offices = {office.pk: office for office, _kind in schedules}.values()
    slots = []
    for office, kind in schedules:
        today = now.astimezone(office.zone).date()
        slots += all_slots(
            location=office,
            appointment_type=kind,
            first_day=today,
            days=kind.horizon_days + 1,
            now=now,
        )
    return {
        "locations": [location_resource(office) for office in offices],
        "schedules": [schedule_resource(office, kind) for office, kind in schedules],
        "slots": [slot_resource(slot) for slot in slots],
        "transactionTime": _instant(now),
    }


def publication(now=None):
    """The whole publication, built once per availability version (and at most every few
    minutes, so the times past the notice drop off)."""
    key = f"booking:publication:{_version()}"
    data = cache.get(key)
    if data is None:
        data = _build(now or timezone.now())
        cache.set(key, data, CACHE_SECONDS)
    return data


def manifest(now=None):
    data = publication(now)
    return {
        "transactionTime": data["transactionTime"],
        "request": _absolute(reverse("booking:manifest")),
        "output": [
            {"type": kind, "url": _absolute(reverse("booking:publication", args=[name]))}
            for kind, name in KINDS.items()
        ],
        "error": [],
    }


def ndjson(name, now=None):
    return "".join(
        json.dumps(resource, separators=(",", ":")) + "\n" for resource in publication(now)[name]
    )
