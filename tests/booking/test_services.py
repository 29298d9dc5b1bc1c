"""Holds, booking requests, cancellation, the front desk's answers, reminders and links."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from appointments.models import AppointmentRequest, AuditLogEntry
from booking import services
from booking.factories import AppointmentTypeFactory, BookingFactory
from booking.links import SALT, booking_for_token, manage_token
from booking.models import Booking
from booking.services import (
    SlotUnavailable,
    booking_cancel,
    booking_confirm,
    booking_decline,
    booking_hold,
    booking_propose,
    booking_request_submit,
)

from .conftest import MONDAY_NINE, NOW, patient, slot_tokens

# The worker manages its own database connections, so tests that run it commit for real.
WORKER = pytest.mark.django_db(transaction=True)


def hold(schedule, token, now=NOW):
    office, visit, _doctor = schedule
    return booking_hold(location=office, appointment_type=visit, slot_token=token, now=now)


def booked(schedule, token=None, **changes):
    office, visit, _doctor = schedule
    token = token or slot_tokens(office, visit)[0]
    return booking_request_submit(
        booking=hold(schedule, token), patient=patient(**changes), now=NOW
    )


def run_worker():
    call_command("db_worker", batch=True, verbosity=0)


def test_a_hold_takes_the_slot_from_everyone_else(schedule):
    office, visit, _doctor = schedule
    first = slot_tokens(office, visit)[0]
    held = hold(schedule, first)
    assert held.status == Booking.Status.HELD
    assert held.hold_expires_at == NOW + timedelta(minutes=10)
    assert first not in slot_tokens(office, visit)
    with pytest.raises(SlotUnavailable):
        hold(schedule, first)


def test_a_hold_expires_by_itself_and_frees_the_slot(schedule):
    office, visit, _doctor = schedule
    first = slot_tokens(office, visit)[0]
    old = hold(schedule, first)
    later = NOW + timedelta(minutes=10)
    assert first in slot_tokens(office, visit, now=later)
    new = hold(schedule, first, now=later)
    old.refresh_from_db()
    assert (old.status, new.status) == (Booking.Status.EXPIRED, Booking.Status.HELD)


@pytest.mark.parametrize(
    ("provider_offset", "moment"),
    [(0, ""), (0, "junk"), (1000, "20300107T140000Z"), (0, "20300107T141500Z"),
     (0, "20300108T140000Z")],
    ids=["empty", "junk", "another provider", "off the grid", "a day without hours"],
)  # fmt: skip
def test_only_an_offered_slot_can_be_held(schedule, provider_offset, moment):
    _office, _visit, doctor = schedule
    with pytest.raises(SlotUnavailable):
        hold(schedule, f"{doctor.pk + provider_offset}@{moment}")
    assert not Booking.objects.exists()


def test_sending_the_details_turns_the_hold_into_a_request_for_the_front_desk(schedule):
    booking = booked(schedule)
    assert booking.status == Booking.Status.REQUESTED
    request = booking.request
    assert (request.location, request.provider) == (booking.location, booking.provider)
    assert request.first_name == "Quinlan"
    assert request.kind == AppointmentRequest.Kind.APPOINTMENT


def test_the_same_details_sent_twice_make_one_request(schedule):
    office, visit, _doctor = schedule
    held = hold(schedule, slot_tokens(office, visit)[0])
    details = patient()
    first = booking_request_submit(booking=held, patient=details, now=NOW)
    again = booking_request_submit(booking=held, patient=details, now=NOW)
    assert first.request == again.request
    assert AppointmentRequest.objects.count() == 1


def test_a_patient_late_with_their_details_still_gets_a_free_time(schedule):
    office, visit, _doctor = schedule
    held = hold(schedule, slot_tokens(office, visit)[0])
    late = NOW + timedelta(minutes=30)
    assert booking_request_submit(booking=held, patient=patient(), now=late).status == "requested"


def test_a_patient_late_after_someone_else_took_the_time_is_told(schedule):
    office, visit, _doctor = schedule
    token = slot_tokens(office, visit)[0]
    held = hold(schedule, token)
    hold(schedule, token, now=NOW + timedelta(minutes=11))
    with pytest.raises(SlotUnavailable):
        booking_request_submit(booking=held, patient=patient(), now=NOW + timedelta(minutes=12))
    assert not AppointmentRequest.objects.exists()


def test_cancelling_frees_the_slot_at_once(schedule):
    office, visit, _doctor = schedule
    token = slot_tokens(office, visit)[0]
    booking = booked(schedule, token)
    assert token not in slot_tokens(office, visit)
    with time_machine.travel(NOW, tick=False):
        booking_cancel(booking=booking)
    assert token in slot_tokens(office, visit)
    assert hold(schedule, token).status == Booking.Status.HELD


def test_the_front_desk_confirms_declines_or_offers_another_time_each_audited(schedule):
    office, visit, _doctor = schedule
    first, second, third = slot_tokens(office, visit)[:3]
    with time_machine.travel(NOW, tick=False):
        confirmed = booking_confirm(booking=booked(schedule, first), user=None)
        declined = booking_decline(booking=booked(schedule, second), user=None)
        offered, _new = booking_propose(booking=confirmed, user=None, slot_token=third)
    assert confirmed.request.status == AppointmentRequest.Status.SCHEDULED
    assert declined.status == Booking.Status.DECLINED
    assert offered.starts_at == MONDAY_NINE + timedelta(hours=1)
    assert second in slot_tokens(office, visit) and third not in slot_tokens(office, visit)
    details = set(AuditLogEntry.objects.values_list("details", flat=True))
    assert details == {"booking confirmed", "booking declined", "another time proposed"}


def test_the_database_refuses_two_active_bookings_at_one_start(schedule):
    office, visit, doctor = schedule
    BookingFactory(provider=doctor, location=office, appointment_type=visit)
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(provider=doctor, location=office, appointment_type=visit)
    BookingFactory(
        provider=doctor, location=office, appointment_type=visit, status=Booking.Status.CANCELLED
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="an exclusion constraint")
def test_on_postgresql_the_database_refuses_any_overlap(schedule):
    office, visit, doctor = schedule
    hour = AppointmentTypeFactory(slug="hour", duration_minutes=60)
    BookingFactory(provider=doctor, location=office, appointment_type=hour)
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(
            provider=doctor,
            location=office,
            appointment_type=visit,
            starts_at=MONDAY_NINE + timedelta(minutes=30),
        )
    # Back to back is not an overlap.
    BookingFactory(
        provider=doctor,
        location=office,
        appointment_type=visit,
        starts_at=MONDAY_NINE + timedelta(minutes=60),
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_two_patients_racing_for_one_slot_exactly_one_wins(schedule, monkeypatch):
    office, visit, _doctor = schedule
    token = slot_tokens(office, visit)[0]
    both_checked = threading.Barrier(2, timeout=10)
    expire = services._expire_old_holds

    def after_both_saw_it_free(*args):
        # Both patients have read the slot as free; now both write at once.
        both_checked.wait()
        expire(*args)

    monkeypatch.setattr(services, "_expire_old_holds", after_both_saw_it_free)
    outcomes = []

    def patient_clicks():
        try:
            hold(schedule, token)
            outcomes.append("held")
        except SlotUnavailable:
            outcomes.append("taken")
        finally:
            connection.close()

    threads = [threading.Thread(target=patient_clicks) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert sorted(outcomes) == ["held", "taken"]
    assert Booking.objects.count() == 1


@WORKER
def test_the_patient_email_has_the_time_office_and_calendar_but_no_health_details(schedule):
    booking = booked(schedule)
    run_worker()
    to_patient = next(m for m in mail.outbox if m.to == ["quinlan.m@mail.example"])
    to_staff = next(m for m in mail.outbox if m is not to_patient)
    assert booking.reference in to_patient.body
    assert "Monday, January 7, 2030" in to_patient.body or "January 7, 2030" in to_patient.body
    assert "9:00" in to_patient.body and "EST" in to_patient.body
    assert "(301) 555-0150" in to_patient.body
    assert manage_token(booking) in to_patient.body
    for private in ("Consultation", "Ada Aster", "Marchetti"):
        assert private not in to_patient.body
    name, ics, mimetype = to_patient.attachments[0]
    assert (name, mimetype) == ("appointment.ics", "text/calendar")
    assert "DTSTART:20300107T140000Z" in ics and "Consultation" not in ics
    for private in ("Quinlan", "Marchetti", "555-0142", "mail.example", "Consultation"):
        assert private not in to_staff.body


@WORKER
def test_reminders_go_72_and_24_hours_before_once_each_by_the_worker(schedule):
    booked(schedule)
    run_worker()
    mail.outbox.clear()
    with time_machine.travel(MONDAY_NINE - timedelta(hours=73), tick=False):
        run_worker()
    assert mail.outbox == []
    with time_machine.travel(MONDAY_NINE - timedelta(hours=71), tick=False):
        run_worker()
        run_worker()
    assert len(mail.outbox) == 1
    with time_machine.travel(MONDAY_NINE - timedelta(hours=23), tick=False):
        run_worker()
        run_worker()
    assert len(mail.outbox) == 2
    for reminder in mail.outbox:
        assert "reminder" in reminder.body and "Consultation" not in reminder.body


@WORKER
def test_a_cancelled_booking_gets_no_reminder(schedule):
    booking = booked(schedule)
    with time_machine.travel(NOW, tick=False):
        booking_cancel(booking=booking)
    run_worker()
    mail.outbox.clear()
    with time_machine.travel(MONDAY_NINE - timedelta(hours=1), tick=False):
        run_worker()
    assert [m for m in mail.outbox if "reminder" in m.body] == []


def test_the_signed_link_is_bound_to_its_booking(schedule):
    office, visit, _doctor = schedule
    first, second = (booked(schedule, t) for t in slot_tokens(office, visit)[:2])
    bookings = Booking.objects.all()
    token = manage_token(first)
    assert booking_for_token(token, bookings) == first
    assert booking_for_token(token[:-2] + "xx", bookings) is None
    assert booking_for_token("a" * 40, bookings) is None
    # Another booking's id with this booking's reference: signed by someone without the
    # site's key, or even by the site itself, it opens nothing.
    other_id = [second.pk, first.reference]
    assert booking_for_token(signing.dumps(other_id, salt=SALT, key="guess"), bookings) is None
    assert booking_for_token(signing.dumps(other_id, salt=SALT), bookings) is None
    AppointmentRequest.objects.filter(pk=first.request_id).update(anonymized_at=datetime.now(UTC))
    assert booking_for_token(token, bookings.filter(request__anonymized_at=None)) is None
