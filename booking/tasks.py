"""Emails to the patient about their booking, written and addressed by the worker when sent.

As with the request confirmation (appointments/tasks.py), a task carries the booking's id,
never an address; what a message says is read when it is sent, so it is always the
booking's current time. No health details: not the appointment type, the provider or the
reason, only the reference, the time in the office's zone, the office and its phone.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from core.tasks import send_or_retry_later

from .calendar import booking_ics
from .links import manage_path, proposal_path
from .models import Booking

REMINDER_HOURS = (72, 24)


def when_text(booking):
    local = booking.local_start
    return _("%(date)s at %(time)s (%(zone)s)") % {
        "date": formats.date_format(local, "DATE_FORMAT"),
        "time": formats.time_format(local, "TIME_FORMAT"),
        "zone": local.tzname(),
    }


OPENINGS = {
    "requested": lambda: _(
        "Thank you. We have kept this time for you; the front desk will confirm it soon."
    ),
    "confirmed": lambda: _("Your appointment is confirmed."),
    "declined": lambda: _(
        "We are sorry: we cannot keep the time you chose. We will call you to find another."
    ),
    "cancelled": lambda: _("Your appointment is cancelled, as you asked."),
    "reminder": lambda: _("A reminder of your appointment."),
}
WITH_CALENDAR = {"requested", "confirmed", "reminder"}


def booking_message(booking, kind):
    office = booking.location
    subject = _("Your appointment %(when)s (%(reference)s)") % {
        "when": when_text(booking),
        "reference": booking.reference,
    }
    lines = [
        OPENINGS[kind](),
        "",
        _("Reference: %(reference)s") % {"reference": booking.reference},
        _("When: %(when)s") % {"when": when_text(booking)},
        _("Where: %(office)s, %(address)s")
        % {
            "office": office.name,
            "address": office.one_line_address,
        },
        _("Phone: %(phone)s") % {"phone": office.phone},
        "",
    ]
    if kind not in ("declined", "cancelled"):
        lines += [
            _("To see, cancel or ask to move this appointment:"),
            settings.SITE_URL + manage_path(booking),
            "",
        ]
    lines.append(_("For your privacy this email does not say what the visit is about."))
    return subject, "\n".join(lines) + "\n"


def _patient_booking(booking_pk):
    return (
        Booking.objects.select_related("location", "request")
        .filter(pk=booking_pk, request__isnull=False, request__anonymized_at__isnull=True)
        .exclude(request__email="")
        .first()
    )


def proposal_message(proposal):
    """Another time offered: when and where, until when it is held, and the signed link to
    accept or decline it. Nothing about the visit itself."""
    booking, office = proposal.proposed_for, proposal.location
    subject = _("Another time for your appointment (%(reference)s)") % {
        "reference": booking.reference
    }
    held_until = timezone.localtime(proposal.hold_expires_at, office.zone)
    lines = [
        _("We would like to offer you another time for your appointment."),
        "",
        _("Reference: %(reference)s") % {"reference": booking.reference},
        _("Time offered: %(when)s") % {"when": when_text(proposal)},
        _("Your current time: %(when)s") % {"when": when_text(booking)},
        _("Where: %(office)s, %(address)s")
        % {"office": office.name, "address": office.one_line_address},
        _("Phone: %(phone)s") % {"phone": office.phone},
        "",
        _("We hold the time offered for you until %(until)s. To accept or decline it:")
        % {
            "until": formats.date_format(held_until, "DATETIME_FORMAT")
            + f" ({held_until.tzname()})"
        },
        settings.SITE_URL + proposal_path(proposal),
        "",
        _("Until you answer, your current time stays booked for you."),
        _("For your privacy this email does not say what the visit is about."),
    ]
    return subject, "\n".join(lines) + "\n"


def _message(booking, kind):
    if kind == "proposed":
        return proposal_message(booking)
    return booking_message(booking, kind)


def _send(booking, kind, attempt, retry, retry_arguments):
    # An offered time has no request of its own: the patient is its booking's.
    patient = (booking.proposed_for or booking).request
    with translation.override(patient.language):
        subject, body = _message(booking, kind)
        attachments = (
            [("appointment.ics", booking_ics(booking), "text/calendar")]
            if kind in WITH_CALENDAR
            else []
        )
    send_or_retry_later(
        subject=subject,
        body=body,
        to=[patient.email],
        attempt=attempt,
        label=f"booking {kind} for {booking.pk}",
        retry=retry,
        retry_arguments=retry_arguments,
        attachments=attachments,
    )


@task()
def send_booking_email(*, booking_pk, kind, attempt=1):
    booking = _patient_booking(booking_pk)
    if booking is not None:
        _send(booking, kind, attempt, send_booking_email, {"booking_pk": booking_pk, "kind": kind})


def _offered_time(proposal_pk):
    """The time offered, while it is still open, with its booking's request."""
    proposal = (
        Booking.objects.select_related(
            "location", "proposed_for__location", "proposed_for__request"
        )
        .filter(
            pk=proposal_pk,
            status=Booking.Status.PROPOSED,
            proposed_for__request__anonymized_at__isnull=True,
        )
        .exclude(proposed_for__request__email="")
        .first()
    )
    return proposal


@task()
def send_proposal_email(*, proposal_pk, attempt=1):
    proposal = _offered_time(proposal_pk)
    if proposal is not None:
        _send(proposal, "proposed", attempt, send_proposal_email, {"proposal_pk": proposal_pk})


@task()
def send_booking_reminder(*, booking_pk, hours, attempt=1):
    """Queued to run `hours` before the start; sent once, and only if the booking still
    stands at that time (a moved booking has its own reminders queued for its new time)."""
    now = timezone.now()
    due = Booking.objects.due_for_reminder(hours, now).filter(pk=booking_pk)
    # Only the worker whose update marks it sends it, even if two run the same task.
    if attempt == 1 and not due.update(**{f"reminded_{hours}h_at": now}):
        return
    booking = _patient_booking(booking_pk)
    if booking is not None:
        _send(
            booking,
            "reminder",
            attempt,
            send_booking_reminder,
            {"booking_pk": booking_pk, "hours": hours},
        )


def queue_patient_email(booking, kind):
    """In the caller's transaction: the email is queued with the change or not at all."""
    if booking.request_id:
        send_booking_email.enqueue(booking_pk=booking.pk, kind=kind)


def queue_proposal_email(proposal):
    """In the caller's transaction, like queue_patient_email."""
    send_proposal_email.enqueue(proposal_pk=proposal.pk)


def queue_reminders(booking, now=None):
    now = now or timezone.now()
    for hours in REMINDER_HOURS:
        run_after = booking.starts_at - timedelta(hours=hours)
        if run_after > now:
            send_booking_reminder.using(run_after=run_after).enqueue(
                booking_pk=booking.pk, hours=hours
            )
