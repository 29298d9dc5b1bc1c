"""A room or chair that some visits need: two providers are never booked into it at once,
by the slots offered and by the database, even when two patients race."""

import threading
from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from booking import services
from booking.factories import AppointmentTypeFactory, BookingFactory, WeeklyAvailabilityFactory
from booking.models import Booking, Room
from booking.services import SlotUnavailable, booking_hold
from locations.factories import LocationFactory, ProviderFactory

from .conftest import MONDAY_NINE, NOW, slot_tokens


@pytest.fixture
def shared_room(schedule):
    """Dr. Aster and Dr. Birch both do injections in Hagerstown's one procedure room on
    Monday mornings."""
    office, _visit, aster = schedule
    room = Room.objects.create(location=office, name="Procedure room")
    injection = AppointmentTypeFactory(slug="injection", duration_minutes=30, needs_room=True)
    birch = ProviderFactory(slug="dr-ben-birch", name="Dr. Ben Birch")
    for doctor in (aster, birch):
        WeeklyAvailabilityFactory(
            provider=doctor,
            location=office,
            appointment_type=injection,
            weekday=0,
            starts=time(11),
            ends=time(12),
            room=room,
        )
    return office, injection, room, aster, birch


def tokens_of(office, visit, doctor):
    return [t for t in slot_tokens(office, visit) if t.startswith(f"{doctor.pk}@")]


def test_a_room_taken_by_one_provider_is_not_offered_with_another(shared_room):
    office, injection, room, aster, birch = shared_room
    assert len(tokens_of(office, injection, birch)) == 2
    held = booking_hold(
        location=office,
        appointment_type=injection,
        slot_token=tokens_of(office, injection, aster)[0],
        now=NOW,
    )
    assert held.room == room
    # Birch is free at 11:00, but the room is not.
    (left,) = tokens_of(office, injection, birch)
    assert left.endswith("T163000Z")


def test_a_provider_without_a_room_is_not_held_up_by_it(shared_room, schedule):
    office, injection, _room, aster, _birch = shared_room
    _office, consult, _aster = schedule
    before = slot_tokens(office, consult)
    booking_hold(
        location=office,
        appointment_type=injection,
        slot_token=tokens_of(office, injection, aster)[0],
        now=NOW,
    )
    assert slot_tokens(office, consult) == before


def test_the_database_refuses_two_active_bookings_of_one_room_at_one_start(shared_room):
    office, injection, room, aster, birch = shared_room
    start = MONDAY_NINE + timedelta(hours=2)
    BookingFactory(
        provider=aster, location=office, appointment_type=injection, room=room, starts_at=start
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(
            provider=birch, location=office, appointment_type=injection, room=room, starts_at=start
        )
    BookingFactory(
        provider=birch,
        location=office,
        appointment_type=injection,
        room=room,
        starts_at=start,
        status=Booking.Status.CANCELLED,
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="an exclusion constraint")
def test_on_postgresql_the_database_refuses_any_overlap_in_a_room(shared_room):
    office, injection, room, aster, birch = shared_room
    hour = AppointmentTypeFactory(slug="long-injection", duration_minutes=60, needs_room=True)
    start = MONDAY_NINE + timedelta(hours=2)
    BookingFactory(
        provider=aster, location=office, appointment_type=hour, room=room, starts_at=start
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(
            provider=birch,
            location=office,
            appointment_type=injection,
            room=room,
            starts_at=start + timedelta(minutes=30),
        )
    BookingFactory(
        provider=birch,
        location=office,
        appointment_type=injection,
        room=room,
        starts_at=start + timedelta(minutes=60),
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_two_patients_racing_for_one_room_with_two_providers_exactly_one_wins(
    shared_room, monkeypatch
):
    office, injection, _room, aster, birch = shared_room
    tokens = [tokens_of(office, injection, doctor)[0] for doctor in (aster, birch)]
    both_checked = threading.Barrier(2, timeout=10)
    expire = services._expire_old_holds

    def after_both_saw_it_free(*args):
        # Each patient has read their provider's 11:00 as free; now both write at once.
        both_checked.wait()
        expire(*args)

    monkeypatch.setattr(services, "_expire_old_holds", after_both_saw_it_free)
    outcomes = []

    def patient_clicks(token):
        try:
            booking_hold(location=office, appointment_type=injection, slot_token=token, now=NOW)
            outcomes.append("held")
        except SlotUnavailable:
            outcomes.append("taken")
        finally:
            connection.close()

    threads = [threading.Thread(target=patient_clicks, args=[token]) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert sorted(outcomes) == ["held", "taken"]
    assert Booking.objects.count() == 1


def test_availability_for_a_visit_that_needs_a_room_must_name_one_at_its_office(shared_room):
    office, injection, room, aster, _birch = shared_room
    rule = WeeklyAvailabilityFactory.build(
        provider=aster, location=office, appointment_type=injection, weekday=2
    )
    with pytest.raises(ValidationError, match="needs a room or chair"):
        rule.full_clean()
    elsewhere = LocationFactory(slug="frederick")
    rule.location = elsewhere
    rule.room = room
    with pytest.raises(ValidationError, match="at this office"):
        rule.full_clean()
