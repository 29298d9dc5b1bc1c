"""A change to what can be booked starts a new SMART Scheduling Links publication."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from locations.models import Closure, Location, Provider

from .models import AppointmentType, AvailabilityException, Booking, WeeklyAvailability
from .publication import bump_availability_version

for model in (
    AppointmentType,
    WeeklyAvailability,
    AvailabilityException,
    Booking,
    Closure,
    Location,
    Provider,
):
    for signal in (post_save, post_delete):
        signal.connect(bump_availability_version, sender=model, dispatch_uid=f"booking-{model}")
m2m_changed.connect(
    bump_availability_version,
    sender=AppointmentType.treatments.through,
    dispatch_uid="booking-type-treatments",
)
