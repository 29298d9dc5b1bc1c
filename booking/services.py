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
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from appointments.models import AppointmentRequest, AuditLogEntry
from appointments.services import admin_change_url, appointment_request_create
from core.tasks import queue_email

from .models import (
    HOLD_MINUTES,
    HOLDING_STATUSES,
    PROPOSAL_CUTOFF_HOURS,
    PROPOSAL_HOURS,
    AppointmentType,
    Booking,
    BookingStatus,
)
from .slots import free_slots, parse_token
from .tasks import queue_patient_email, queue_proposal_email, queue_reminders


class SlotUnavailable(Exception):
    """The time is taken (or was never offered): the patient is shown the next ones."""


class BookingClosed(Exception):
    """The booking can no longer be changed that way (cancelled, declined, in the past)."""


def _expire_old_holds(provider_id, room_id, now):
    """Mark expired the holds past their time that could stand in the way of a new row for
    this provider (and room, if it takes one), so the constraints no longer count them."""
    whose = Q(provider_id=provider_id)
    if room_id is not None:
        whose |= Q(room_id=room_id)
    Booking.objects.filter(whose, status__in=HOLDING_STATUSES, hold_expires_at__lte=now).update(
        status=BookingStatus.EXPIRED, updated_at=now
    )


def _offered_slot(*, location, appointment_type, slot_token, now):
    """The free slot `slot_token` names, as the slot page offers it now, or None."""
    parsed = parse_token(slot_token)
    if parsed is None:
        return None
    provider_id, starts_at = parsed
    day = starts_at.astimezone(location.zone).date()
    slots = free_slots(
        location=location,
        appointment_type=appointment_type,
        first_day=day,
        days=1,
        provider=provider_id,
        now=now,
    )
    return next((slot for slot in slots if slot.token == slot_token), None)


def booking_hold(*, location, appointment_type: AppointmentType, slot_token: str, now=None):
    """Hold the slot `slot_token` names for HOLD_MINUTES, if it is offered and free."""
    now = now or timezone.now()
    slot = _offered_slot(
        location=location, appointment_type=appointment_type, slot_token=slot_token, now=now
    )
    if slot is None:
        raise SlotUnavailable
    booking = Booking(
        provider=slot.provider,
        location=location,
        appointment_type=appointment_type,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        room=slot.room,
        hold_expires_at=now + timedelta(minutes=HOLD_MINUTES),
    )
    try:
        with transaction.atomic():
            _expire_old_holds(slot.provider.pk, slot.room_id, now)
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
PROPOSAL_ACCEPTED = gettext_lazy(
    "A patient accepted the other time offered at the %(office)s office; it is confirmed."
)
PROPOSAL_DECLINED_KEPT = gettext_lazy(
    "A patient declined the other time offered at the %(office)s office and keeps their own."
)
PROPOSAL_DECLINED_CANCELLED = gettext_lazy(
    "A patient declined the other time offered at the %(office)s office and cancelled."
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
                _expire_old_holds(booking.provider_id, booking.room_id, now)
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
        _release_proposals(booking, now)
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
        _release_proposals(booking, timezone.now())
        _audit(user, booking, "booking declined")
        queue_patient_email(booking, "declined")
    return booking


def _release_proposals(booking, now):
    """Times still offered in place of `booking` go back to everyone (it was cancelled,
    declined, or a newer time is offered)."""
    booking.proposals.filter(status=BookingStatus.PROPOSED).update(
        status=BookingStatus.EXPIRED, updated_at=now
    )


def proposal_expiry(starts_at, now):
    return min(
        now + timedelta(hours=PROPOSAL_HOURS), starts_at - timedelta(hours=PROPOSAL_CUTOFF_HOURS)
    )


def booking_propose(*, booking: Booking, user, slot_token: str, now=None):
    """Offer the patient another free time in place of theirs: the time is held for them
    (an active row the database constraint counts, like any hold) until proposal_expiry,
    and they are emailed a signed link to accept or decline it. Their own time stays
    theirs until they answer. Returns (the offered time, whether this call offered it):
    the same time offered twice (a double click) is offered once.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status not in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED):
            raise BookingClosed
        pending = booking.proposals.filter(
            status=BookingStatus.PROPOSED, hold_expires_at__gt=now
        ).first()
        if pending is not None and parse_token(slot_token) == (
            pending.provider_id,
            pending.starts_at,
        ):
            return pending, False
        slot = _offered_slot(
            location=booking.location,
            appointment_type=booking.appointment_type,
            slot_token=slot_token,
            now=now,
        )
        if slot is None or proposal_expiry(slot.starts_at, now) <= now:
            raise SlotUnavailable
        proposal = Booking(
            status=BookingStatus.PROPOSED,
            proposed_for=booking,
            provider=slot.provider,
            location=booking.location,
            appointment_type=booking.appointment_type,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            room=slot.room,
            hold_expires_at=proposal_expiry(slot.starts_at, now),
        )
        try:
            with transaction.atomic():
                _release_proposals(booking, now)
                _expire_old_holds(slot.provider.pk, slot.room_id, now)
                proposal.save()
        except IntegrityError:
            raise SlotUnavailable from None
        _audit(user, booking, "another time proposed")
        queue_proposal_email(proposal)
    return proposal, True


def _locked_proposal(proposal):
    """The booking and the time offered for it, locked in that order (as booking_propose
    locks them), so an answer and a newer offer never cross."""
    booking = Booking.objects.select_for_update().get(pk=proposal.proposed_for_id)
    return booking, Booking.objects.select_for_update().get(pk=proposal.pk)


def booking_proposal_accept(*, proposal: Booking, now=None):
    """The patient takes the time offered: their booking moves to it, confirmed, and their
    old time is free for others at once. Returns (the booking, whether this call moved it);
    a second click finds it already accepted and changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        booking, proposal = _locked_proposal(proposal)
        if proposal.status == BookingStatus.ACCEPTED:
            return booking, False
        if not proposal.is_proposal_open(now) or booking.status not in (
            BookingStatus.REQUESTED,
            BookingStatus.CONFIRMED,
        ):
            raise BookingClosed
        # The offered row lets go of the time first, so the booking can take it under the
        # same constraint; both in this transaction, so no one else sees it free.
        proposal.status = BookingStatus.ACCEPTED
        proposal.save(update_fields=["status", "updated_at"])
        booking.provider_id, booking.room_id = proposal.provider_id, proposal.room_id
        booking.starts_at, booking.ends_at = proposal.starts_at, proposal.ends_at
        booking.status = BookingStatus.CONFIRMED
        booking.reminded_72h_at = booking.reminded_24h_at = booking.move_requested_at = None
        booking.save()
        AppointmentRequest.objects.filter(pk=booking.request_id).update(
            status=AppointmentRequest.Status.SCHEDULED, updated_at=now
        )
        _audit(None, booking, "proposed time accepted by the patient")
        _staff_email(booking, PROPOSAL_ACCEPTED)
        queue_patient_email(booking, "confirmed")
        queue_reminders(booking, now)
    return booking, True


def booking_proposal_decline(*, proposal: Booking, cancel: bool, now=None):
    """The patient says no to the time offered: it goes back to everyone, and their own
    booking stands or (`cancel`) is cancelled. Returns (the booking, whether this call
    answered); a second click finds the offer already declined and changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        booking, proposal = _locked_proposal(proposal)
        if proposal.status == BookingStatus.DECLINED:
            return booking, False
        if not proposal.is_proposal_open(now):
            raise BookingClosed
        proposal.status = BookingStatus.DECLINED
        proposal.save(update_fields=["status", "updated_at"])
        if cancel and booking.can_be_cancelled:
            booking.status = BookingStatus.CANCELLED
            booking.cancelled_at = now
            booking.save(update_fields=["status", "cancelled_at", "updated_at"])
            queue_patient_email(booking, "cancelled")
        kept = booking.status != BookingStatus.CANCELLED
        _audit(
            None,
            booking,
            "proposed time declined by the patient, "
            + ("own time kept" if kept else "booking cancelled"),
        )
        _staff_email(booking, PROPOSAL_DECLINED_KEPT if kept else PROPOSAL_DECLINED_CANCELLED)
    return booking, True
