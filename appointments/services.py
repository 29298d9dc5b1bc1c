"""The appointment-request workflow: validate, store once, then tell staff and the patient."""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from phonenumber_field.phonenumber import PhoneNumber

from core.tasks import queue_email, team_address
from locations.models import Location, Provider
from treatments.models import Treatment

from .models import AppointmentRequest, AuditLogEntry, ContactAttempt
from .tasks import send_request_confirmation

# A new random reference collides with a stored one about once in 10^8 requests at
# our volume; three tries make a failure practically impossible.
REFERENCE_ATTEMPTS = 3


# Billing (estimates too), records and accessibility feedback are answered by their
# own teams, not at the office.
TEAM_SETTINGS = {
    AppointmentRequest.Kind.BILLING: ("BILLING_NOTIFICATION_EMAIL", "billing"),
    AppointmentRequest.Kind.ESTIMATE: ("BILLING_NOTIFICATION_EMAIL", "billing"),
    AppointmentRequest.Kind.RECORDS: ("RECORDS_NOTIFICATION_EMAIL", "records"),
    AppointmentRequest.Kind.ACCESSIBILITY: ("ACCESSIBILITY_NOTIFICATION_EMAIL", "content"),
}


def staff_recipient(appointment_request):
    """The team for billing and records (their setting, else billing@ / records@ at the
    practice's domain); for appointments and questions, the office, else the front desk."""
    if appointment_request.kind in TEAM_SETTINGS:
        return team_address(*TEAM_SETTINGS[appointment_request.kind])
    return appointment_request.location.staff_email or settings.STAFF_NOTIFICATION_EMAIL


def front_desk_users():
    """Active staff who may work requests (through a group or their own permissions):
    the people a request can be assigned to. Superusers only when given it explicitly."""
    permission = Permission.objects.filter(
        content_type__app_label="appointments", codename="change_appointmentrequest"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .distinct()
        .order_by("first_name", "username")
    )


def admin_change_url(appointment_request):
    path = reverse("admin:appointments_appointmentrequest_change", args=[appointment_request.pk])
    return settings.SITE_URL + path


# Whole sentences per kind: a label dropped into a sentence cannot be translated well.
ARRIVED = {
    AppointmentRequest.Kind.APPOINTMENT: gettext_lazy(
        "A new appointment request arrived from the website for the %(office)s office."
    ),
    AppointmentRequest.Kind.QUESTION: gettext_lazy(
        "A new question from a patient arrived from the website for the %(office)s office."
    ),
    AppointmentRequest.Kind.BILLING: gettext_lazy(
        "A new billing message arrived from the website for the %(office)s office."
    ),
    AppointmentRequest.Kind.RECORDS: gettext_lazy(
        "A new medical records message arrived from the website for the %(office)s office."
    ),
    AppointmentRequest.Kind.ESTIMATE: gettext_lazy(
        "A new request for a good-faith estimate arrived from the website for the %(office)s "
        "office. The estimate is due within 3 business days."
    ),
    AppointmentRequest.Kind.ACCESSIBILITY: gettext_lazy(
        "New feedback about the website's accessibility arrived. We promise a reply within "
        "2 business days."
    ),
}


def _queue_notifications(appointment_request):
    # Email is not a secure channel: no name, contact details, insurance or message here.
    # Staff read the site's own language, whichever language the patient used.
    with translation.override(settings.LANGUAGE_CODE):
        arrived = ARRIVED[appointment_request.kind] % {"office": appointment_request.location.name}
        where = _("Open it in the staff site (sign-in required):\n%(url)s\n") % {
            "url": admin_change_url(appointment_request)
        }
        subject = _("New website request %(reference)s") % {"reference": appointment_request}
    queue_email(
        subject=subject, body=f"{arrived}\n\n{where}", to=[staff_recipient(appointment_request)]
    )
    if appointment_request.email:
        send_request_confirmation.enqueue(request_pk=appointment_request.pk)


def appointment_request_create(
    *,
    idempotency_key: uuid.UUID,
    location: Location,
    first_name: str,
    last_name: str,
    phone: PhoneNumber | str,
    consent_to_contact: bool,
    consent_to_privacy_notice: bool,
    kind: str = AppointmentRequest.Kind.APPOINTMENT,
    email: str = "",
    contact_method: str = "",
    treatment: Treatment | None = None,
    provider: Provider | None = None,
    preferred_days: str = "",
    preferred_time: str = "",
    patient_status: str = "",
    insurance_type: str = "",
    insurance_carrier: str = "",
    message: str = "",
    language: str = settings.LANGUAGE_CODE,
    notify: bool = True,
) -> tuple[AppointmentRequest, bool]:
    """Store a request once per idempotency key; returns (request, created).

    A second submission with the same key (a double click, a refresh, the back
    button) returns the stored request and sends nothing again. `notify=False` is for a
    workflow that sends its own messages (an online booking, booking/services.py).
    """
    existing = AppointmentRequest.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    for attempt in range(1, REFERENCE_ATTEMPTS + 1):
        appointment_request = AppointmentRequest(
            idempotency_key=idempotency_key,
            location=location,
            first_name=first_name,
            last_name=last_name,
            phone=phone,
            consent_to_contact=consent_to_contact,
            consent_to_privacy_notice=consent_to_privacy_notice,
            consented_at=timezone.now(),
            kind=kind,
            email=email,
            contact_method=contact_method,
            treatment=treatment,
            provider=provider,
            preferred_days=preferred_days,
            preferred_time=preferred_time,
            patient_status=patient_status,
            insurance_type=insurance_type,
            insurance_carrier=insurance_carrier,
            message=message,
            language=language,
        )
        # Uniqueness is left to the database: only its constraint settles two
        # clicks racing each other, so a full_clean query would prove nothing.
        appointment_request.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                appointment_request.save()
                if notify:
                    _queue_notifications(appointment_request)
        except IntegrityError:
            existing = AppointmentRequest.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing, False
            if attempt == REFERENCE_ATTEMPTS:
                raise
            continue  # the reference collided: draw another
        return appointment_request, True


# What a patient told us. Office, kind, status and dates stay, for counts and planning.
PERSONAL_FIELDS = {
    "first_name": "",
    "last_name": "",
    "phone": "",
    "email": "",
    "insurance_carrier": "",
    "message": "",
    "search_name": "",
}


def appointment_requests_anonymize(
    *, appointment_requests: QuerySet[AppointmentRequest], user=None, details: str = ""
) -> int:
    """Blank what patients told us in these requests and log it; returns how many changed.

    One path for staff (the admin action, `user` set) and the retention command (no user).
    Requests already anonymized are left alone and not logged again.
    """
    with transaction.atomic():
        # Locked by primary key alone: the admin's list query joins the nullable assignee,
        # and PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
        changed = list(
            AppointmentRequest.objects.filter(pk__in=appointment_requests.values("pk"))
            .not_anonymized()
            .select_for_update()
            .values_list("reference", flat=True)
        )
        AppointmentRequest.objects.filter(reference__in=changed).update(
            **PERSONAL_FIELDS, anonymized_at=timezone.now(), updated_at=timezone.now()
        )
        # Staff notes can repeat what the patient said; who tried when, and how, stays.
        ContactAttempt.objects.filter(request__reference__in=changed).update(note="")
        AuditLogEntry.record(
            user=user, action=AuditLogEntry.Action.ANONYMIZE, references=changed, details=details
        )
    return len(changed)


def contact_attempt_add(
    *,
    appointment_request: AppointmentRequest,
    user,
    method: str = "",
    outcome: str = "",
    note: str = "",
) -> ContactAttempt:
    """Append a contact attempt (method and outcome) or a note (note alone), and log it.

    Entries are never edited: a correction is another entry, so the log stays true.
    """
    is_note = not (method or outcome)
    if is_note and not note.strip():
        raise ValueError("A note needs its text.")
    with transaction.atomic():
        attempt = ContactAttempt(
            request=appointment_request,
            by=user,
            is_note=is_note,
            method=method,
            outcome=outcome,
            note=note,
        )
        attempt.full_clean()
        attempt.save()
        AuditLogEntry.record(
            user=user,
            action=AuditLogEntry.Action.CHANGE,
            references=[appointment_request],
            details="note added" if is_note else f"contact attempt: {outcome}",
        )
    return attempt
