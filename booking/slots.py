"""Slots: weekly availability, less exceptions and office closures; free, or busy where a
hold or booking takes the time.

Where availability comes from is an adapter (`AvailabilitySource`): the staff-kept rules in
the admin are the first implementation, and a practice-management system's free/busy could
replace them by naming another class in the BOOKING_AVAILABILITY_SOURCE setting. The slot
page, holds, and the SMART Scheduling Links publication all ask the adapter, never the
tables.

Wall-clock times become instants here and nowhere else, one day at a time in the office's
zone: a 9:00 start is 9:00 before and after a daylight-saving change, a visit keeps its real
length across one, and a time the clock skips (2:30 on the March change) is not offered.
A fixed four queries per call, however many rules, providers or days.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache, partial
from typing import Protocol

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from locations.models import Closure, Location, Provider

from .models import AppointmentType, AvailabilityException, Booking, Room, WeeklyAvailability


@dataclass(frozen=True)
class Slot:
    provider: Provider
    location: Location
    appointment_type: AppointmentType
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    room: Room | None = None  # the room or chair the visit takes, if it needs one
    busy: bool = False  # held or booked (by this provider, or in this room by anyone)

    @property
    def room_id(self):
        return self.room.pk if self.room is not None else None

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.location.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.location.zone)

    @property
    def token(self):
        """What a slot button sends: the provider and the start, to the second, in UTC."""
        return f"{self.provider.pk}@{self.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def parse_token(token):
    """(provider pk, start) from Slot.token, or None for anything else."""
    provider, _at, moment = (token or "").partition("@")
    try:
        return int(provider), datetime.strptime(moment, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


class AvailabilitySource(Protocol):
    def slots(
        self,
        *,
        location: Location,
        appointment_type: AppointmentType,
        first_day: date,
        days: int,
        provider: Provider | None = None,
        now: datetime | None = None,
    ) -> list[Slot]:
        """Every slot on `days` local days from `first_day`, in start order: free ones, and
        busy ones (Slot.busy) whose time a hold or booking takes."""


def _wall_clock(day, clock, zone):
    """The instant `clock` on `day` in `zone`, or None if the clock skips it that day."""
    local = datetime.combine(day, clock, tzinfo=zone)  # fold=0: the first of a repeated hour
    back = local.astimezone(UTC).astimezone(zone)
    if (back.date(), back.time()) != (day, clock):
        return None
    return local.astimezone(UTC)


class StaffKeptAvailability:
    """Availability staff keep in the admin (WeeklyAvailability, AvailabilityException)."""

    def slots(self, *, location, appointment_type, first_day, days=7, provider=None, now=None):
        now = now or timezone.now()
        zone = location.zone
        today = now.astimezone(zone).date()
        last_day = min(
            first_day + timedelta(days=days - 1),
            today + timedelta(days=appointment_type.horizon_days),
        )
        if last_day < first_day:
            return []
        earliest = now + timedelta(hours=appointment_type.minimum_notice_hours)
        providers = Q(provider__is_published=True)
        if provider is not None:
            providers &= Q(provider=provider)
        rules = list(
            WeeklyAvailability.objects.filter(
                providers, location=location, appointment_type=appointment_type
            ).select_related("provider", "room")
        )
        if not rules:
            return []
        provider_ids = {rule.provider_id for rule in rules}
        room_ids = {rule.room_id for rule in rules if rule.room_id is not None}
        exceptions = list(
            AvailabilityException.objects.filter(
                Q(location=location) | Q(location__isnull=True),
                provider_id__in=provider_ids,
                first_day__lte=last_day,
                last_day__gte=first_day,
            )
        )
        closed = set(
            Closure.objects.filter(
                location=location, date__range=(first_day, last_day)
            ).values_list("date", flat=True)
        )
        # A day either side: another office's booking late the night before is still time
        # taken, and a window in local days is wider than the same days in UTC.
        window_start = datetime.combine(first_day - timedelta(days=1), datetime.min.time(), UTC)
        window_end = datetime.combine(last_day + timedelta(days=2), datetime.min.time(), UTC)
        # Time taken by each provider, and in each room by anyone ("room", pk).
        taken = {}
        for starts_at, ends_at, provider_id, room_id in (
            Booking.objects.taking_time(now)
            .overlapping(window_start, window_end)
            .filter(Q(provider_id__in=provider_ids) | Q(room_id__in=room_ids))
            .values_list("starts_at", "ends_at", "provider_id", "room_id")
        ):
            taken.setdefault(provider_id, []).append((starts_at, ends_at))
            if room_id is not None:
                taken.setdefault(("room", room_id), []).append((starts_at, ends_at))

        length = appointment_type.duration
        # Every provider's rules share the same few clock times: each is turned into an
        # instant once per day, not once per provider.
        instant = cache(partial(_wall_clock, zone=location.zone))
        context = (location, appointment_type, length, exceptions, taken)
        slots = []
        day = first_day
        while day <= last_day:
            if day not in closed:
                for rule in rules:
                    if rule.weekday == day.weekday():
                        slots.extend(self._rule_slots(rule, day, instant, *context))
            day += timedelta(days=1)
        return sorted(
            (slot for slot in slots if slot.starts_at >= earliest),
            key=lambda slot: (slot.starts_at, slot.provider.sort_order, slot.provider.name),
        )

    @staticmethod
    def _rule_slots(rule, day, instant, location, appointment_type, length, exceptions, taken):
        provider, room = rule.provider, rule.room
        mine = [e for e in exceptions if e.provider_id == rule.provider_id]
        busy = taken.get(rule.provider_id, []) + taken.get(("room", rule.room_id), [])
        start = datetime.combine(day, rule.starts)
        end_of_rule = datetime.combine(day, rule.ends)
        while start + length <= end_of_rule:
            wall_end = start + length
            starts_at = instant(day, start.time())
            if starts_at is not None and not any(
                e.blocks(day, start.time(), wall_end.time()) for e in mine
            ):
                # The real length: an hour-long visit at 1:30 on the November change ends at
                # 2:30 by the clock but lasts an hour, which is what the provider gives.
                ends_at = starts_at + length
                yield Slot(
                    provider,
                    location,
                    appointment_type,
                    starts_at,
                    ends_at,
                    room,
                    busy=any(b_start < ends_at and starts_at < b_end for b_start, b_end in busy),
                )
            start = wall_end


def availability_source() -> AvailabilitySource:
    return import_string(settings.BOOKING_AVAILABILITY_SOURCE)()


def all_slots(**kwargs) -> list[Slot]:
    """Free and busy slots (AvailabilitySource.slots), for the published schedule."""
    return availability_source().slots(**kwargs)


def free_slots(**kwargs) -> list[Slot]:
    """The slots a patient may hold: what the slot page, holds and offers use."""
    return [slot for slot in all_slots(**kwargs) if not slot.busy]
