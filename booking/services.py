"""Holding, booking, cancelling, and the front desk's answers: each one transaction.

Who gets a time is settled by the database, never by a read before a write: the active
bookings (held, requested, confirmed) of a provider may not overlap (an exclusion
constraint on PostgreSQL; one active booking per provider and start everywhere). A second
patient's insert waits for the first transaction and then fails, and is told the time was
just taken.

A hold lasts HOLD_MINUTES and expires by itself. Expiry cannot be part of the constraint
(its condition may not call now()), so an expired hold is a row still marked "held" whose
hold_expires_at has passed: every read ignores it (Booking.objects.taking_time), and the
next hold or booking for that provider marks it expired in its own transaction, just before
its insert, so the constraint no longer counts it. A patient who finishes after their hold
ran out still gets the time if it is still free: their row becomes active again only if the
constraint allows it.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from appointments.models import AppointmentRequest, AuditLogEntry
from appointments.services import admin_change_url, appointment_request_create
from core.tasks import queue_email

from .models import HOLD_MINUTES, AppointmentType, Booking, BookingStatus
from .slots import free_slots, parse_token
from .tasks import queue_patient_email, queue_reminders


class SlotUnavailable(Exception):
    """The time is taken (or was never offered): the patient is shown the next ones."""


class BookingClosed(Exception):
    """The booking can no longer be changed that way (cancelled, declined, in the past)."""


def _expire_old_holds(provider_id, now):
    Booking.objects.filter(
        provider_id=provider_id, status=BookingStatus.HELD, hold_expires_at__lte=now
    ).update(status=BookingStatus.EXPIRED, updated_at=now)


def booking_hold(*, location, appointment_type: AppointmentType, slot_token: str, now=None):
    """Hold the slot `slot_token` names for HOLD_MINUTES, if it is offered and free."""
    now = now or timezone.now()
    parsed = parse_token(slot_token)
    if parsed is None:
        raise SlotUnavailable
    provider_id, starts_at = parsed
    day = starts_at.astimezone(location.zone).date()
    offered = {
        slot.token: slot
        for slot in free_slots(
            location=location,
            appointment_type=appointment_type,
            first_day=day,
            days=1,
            provider=provider_id,
            now=now,
        )
    }
    slot = offered.get(slot_token)
    if slot is None:
        raise SlotUnavailable
    booking = Booking(
        provider=slot.provider,
        location=location,
        appointment_type=appointment_type,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        hold_expires_at=now + timedelta(minutes=HOLD_MINUTES),
    )
    try:
        with transaction.atomic():
            _expire_old_holds(provider_id, now)
            booking.save()
    except IntegrityError:
        raise SlotUnavailable from None
    return booking


# Whole sentences, translated when the email is written, in the site's own language.
BOOKED = gettext_lazy("A patient booked a time on the website at the %(office)s office.")
CANCELLED = gettext_lazy("A patient cancelled a booking at the %(office)s office.")
MOVE_ASKED = gettext_lazy(
    "A patient asked to move a booking at the %(office)s office; please call them."
)


def _staff_email(booking, sentence):
    # No name, contact or health details: a reference and a link to the admin.
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Website booking %(reference)s") % {"reference": booking.reference}
        what = sentence % {"office": booking.location.name}
        where = _("Open it in the staff site (sign-in required):\n%(url)s\n") % {
            "url": admin_change_url(booking.request)
        }
    body = f"{what}\n\n{where}"
    to = booking.location.staff_email or settings.STAFF_NOTIFICATION_EMAIL
    queue_email(subject=subject, body=body, to=[to])


def booking_request_submit(
    *, booking: Booking, patient: dict, language: str = settings.LANGUAGE_CODE, now=None
) -> Booking:
    """Turn the patient's hold into a booking request for the front desk, with the details
    of the request form (`patient`: PatientRequestForm.service_fields() without the office).

    The same form sent twice (same idempotency key) returns the booking already requested.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == BookingStatus.REQUESTED and booking.request_id:
            if booking.request.idempotency_key == patient.get("idempotency_key"):
                return booking
            raise BookingClosed
        if booking.status not in (BookingStatus.HELD, BookingStatus.EXPIRED):
            raise BookingClosed
        request, _created = appointment_request_create(
            **{"idempotency_key": uuid.uuid4(), **patient},
            location=booking.location,
            provider=booking.provider,
            language=language,
            notify=False,
        )
        booking.request = request
        booking.status = BookingStatus.REQUESTED
        try:
            with transaction.atomic():
                _expire_old_holds(booking.provider_id, now)
                booking.save()
        except IntegrityError:
            # Our hold ran out and someone else took the time in between.
            raise SlotUnavailable from None
        _staff_email(
            booking,
            BOOKED,
        )
        queue_patient_email(booking, "requested")
        queue_reminders(booking)
    return booking


def booking_cancel(*, booking: Booking, now=None) -> Booking:
    """The patient's cancellation: the time is free for the next patient at once."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if not booking.can_be_cancelled:
            raise BookingClosed
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at", "updated_at"])
        _staff_email(booking, CANCELLED)
        queue_patient_email(booking, "cancelled")
    return booking


def booking_ask_to_move(*, booking: Booking, now=None) -> Booking:
    """The patient asks for another time; the front desk calls them with one."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if not booking.can_be_cancelled:
            raise BookingClosed
        booking.move_requested_at = now or timezone.now()
        booking.save(update_fields=["move_requested_at", "updated_at"])
        _staff_email(booking, MOVE_ASKED)
    return booking


def _audit(user, booking, details):
    AuditLogEntry.record(
        user=user,
        action=AuditLogEntry.Action.CHANGE,
        references=[booking.reference],
        details=details,
    )


def booking_confirm(*, booking: Booking, user) -> Booking:
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != BookingStatus.REQUESTED:
            raise BookingClosed
        booking.status = BookingStatus.CONFIRMED
        booking.save(update_fields=["status", "updated_at"])
        AppointmentRequest.objects.filter(pk=booking.request_id).update(
            status=AppointmentRequest.Status.SCHEDULED, updated_at=timezone.now()
        )
        _audit(user, booking, "booking confirmed")
        queue_patient_email(booking, "confirmed")
    return booking


def booking_decline(*, booking: Booking, user) -> Booking:
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status not in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED):
            raise BookingClosed
        booking.status = BookingStatus.DECLINED
        booking.save(update_fields=["status", "updated_at"])
        _audit(user, booking, "booking declined")
        queue_patient_email(booking, "declined")
    return booking


def booking_propose(*, booking: Booking, user, slot_token: str, now=None) -> Booking:
    """Give the patient another free time in place of theirs: the booking moves to it,
    confirmed (the front desk chose it), and the old time is freed; the patient is told by
    email and can cancel or ask to move again with their link."""
    now = now or timezone.now()
    parsed = parse_token(slot_token)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status not in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED):
            raise BookingClosed
        if parsed is None:
            raise SlotUnavailable
        provider_id, starts_at = parsed
        day = starts_at.astimezone(booking.location.zone).date()
        slot = next(
            (
                s
                for s in free_slots(
                    location=booking.location,
                    appointment_type=booking.appointment_type,
                    first_day=day,
                    days=1,
                    provider=provider_id,
                    now=now,
                )
                if s.token == slot_token
            ),
            None,
        )
        if slot is None:
            raise SlotUnavailable
        booking.provider = slot.provider
        booking.starts_at, booking.ends_at = slot.starts_at, slot.ends_at
        booking.status = BookingStatus.CONFIRMED
        booking.reminded_72h_at = booking.reminded_24h_at = booking.move_requested_at = None
        try:
            with transaction.atomic():
                _expire_old_holds(provider_id, now)
                booking.save()
        except IntegrityError:
            raise SlotUnavailable from None
        _audit(user, booking, "another time offered")
        queue_patient_email(booking, "moved")
        queue_reminders(booking)
    return booking
