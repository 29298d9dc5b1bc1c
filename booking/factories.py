import datetime

import factory

from locations.factories import LocationFactory, ProviderFactory

from .models import AppointmentType, AvailabilityException, Booking, WeeklyAvailability


class AppointmentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppointmentType
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Visit type {n}")
    slug = factory.Sequence(lambda n: f"visit-type-{n}")
    duration_minutes = 30
    minimum_notice_hours = 24
    horizon_days = 28
    bookable_online = True


class WeeklyAvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeeklyAvailability

    provider = factory.SubFactory(ProviderFactory)
    location = factory.SubFactory(LocationFactory)
    appointment_type = factory.SubFactory(AppointmentTypeFactory)
    weekday = 0
    starts = datetime.time(9)
    ends = datetime.time(12)


class AvailabilityExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AvailabilityException

    provider = factory.SubFactory(ProviderFactory)
    first_day = datetime.date(2030, 1, 7)
    last_day = factory.SelfAttribute("first_day")
    reason = "Conference"


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    provider = factory.SubFactory(ProviderFactory)
    location = factory.SubFactory(LocationFactory)
    appointment_type = factory.SubFactory(AppointmentTypeFactory)
    starts_at = datetime.datetime(2030, 1, 7, 14, tzinfo=datetime.UTC)
    ends_at = factory.LazyAttribute(
        lambda o: o.starts_at + datetime.timedelta(minutes=o.appointment_type.duration_minutes)
    )
    hold_expires_at = factory.LazyAttribute(lambda o: o.starts_at)
    status = Booking.Status.REQUESTED
    room = None
